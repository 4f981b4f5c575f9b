import { describe, expect, test } from "vitest";
import {
  EVENT_COLUMNS,
  EVENT_TYPES,
  eventsBetween,
  loadEvents,
  parseEventsCsv,
} from "../../src/data/events.js";
import { DataFileError } from "../../src/data/table.js";

const header = EVENT_COLUMNS.join(",");
const ok = "2023-10-17,rule,AC/S rule,TPP and PD tests,US,88 FR 73458,high,";
const csv = (...rows: string[]) => `${[header, ...rows].join("\n")}\n`;

function problemsOf(text: string): string[] {
  try {
    parseEventsCsv(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as DataFileError).problems;
  }
  throw new Error("expected parseEventsCsv to throw");
}

describe("parseEventsCsv", () => {
  test("parses a row and splits sources on ' | '", () => {
    const [e] = parseEventsCsv(csv("2025-04-09,is-informed,H20 licence,,US,8-K | https://example.org,high,"));
    expect(e).toEqual({
      date: "2025-04-09",
      type: "is-informed",
      title: "H20 licence",
      detail: "",
      bloc: "US",
      sources: ["8-K", "https://example.org"],
      confidence: "high",
      titleZh: null,
    });
    const [cn] = parseEventsCsv(csv("2023-07-03,china-guidance,Ga/Ge,,CN,MOFCOM,high, 公告2023年第23号 "));
    expect(cn!.titleZh).toBe("公告2023年第23号");
  });

  test("bad type, date, bloc, confidence and empty title/source each name row and field", () => {
    const p = problemsOf(
      csv(
        ok,
        "2023-10-18,rumour,x,,US,src,high,",
        "2023-13-01,rule,x,,US,src,high,",
        "2023-10-19,rule,x,,usa,src,high,",
        "2023-10-20,rule,x,,CN,src,sure,",
        "2023-10-21,rule,,,CN,,low,",
      ),
    );
    expect(p).toEqual([
      `data/events.csv row 3 (2023-10-18 rumour), field type: "rumour" is not one of ${EVENT_TYPES.join(", ")}`,
      'data/events.csv row 4 (2023-13-01 rule), field date: "2023-13-01" is not a valid date (YYYY-MM-DD)',
      'data/events.csv row 5 (2023-10-19 rule), field bloc: "usa" is not an ISO 3166 alpha-2 code (US, CN, …) or "multi"',
      'data/events.csv row 6 (2023-10-20 rule), field confidence: "sure" is not one of high, medium, low',
      "data/events.csv row 7 (2023-10-21 rule), field title: is required but empty",
      "data/events.csv row 7 (2023-10-21 rule), field source: is required but empty (name at least one source)",
    ]);
  });

  test("rows out of date order are rejected, naming both rows", () => {
    const p = problemsOf(csv(ok, "2022-10-07,rule,Oct 2022 IFR,,US,87 FR 62186,high,"));
    expect(p).toEqual([
      "data/events.csv row 3 (2022-10-07 rule), field date: 2022-10-07 comes before row 2's 2023-10-17 (keep rows in date order)",
    ]);
  });

  test("a missing column is named", () => {
    expect(problemsOf("date,type,title,detail,bloc,source\n")).toEqual([
      "data/events.csv header: missing column(s) confidence, title_zh",
    ]);
  });
});

describe("data/events.csv", () => {
  const events = loadEvents();

  test("loads at least 25 events dated 2021–2026, in order, of the allowed types", () => {
    expect(events.length).toBeGreaterThanOrEqual(25);
    for (const e of events) {
      expect(e.date >= "2021-01-01" && e.date <= "2026-12-31", e.title).toBe(true);
      expect(EVENT_TYPES).toContain(e.type);
      expect(e.sources.length).toBeGreaterThan(0);
    }
    const dates = events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });

  test("the Federal Register rules are present with their citations", () => {
    const cite = (date: string, fr: string) =>
      events.some((e) => e.date === date && e.type === "rule" && e.sources.some((s) => s.includes(fr)));
    expect(cite("2022-10-07", "87 FR 62186")).toBe(true);
    expect(cite("2023-10-17", "88 FR 73458")).toBe(true);
    expect(cite("2024-12-02", "89 FR 96790")).toBe(true);
    expect(cite("2025-01-15", "90 FR 4544")).toBe(true);
    expect(cite("2026-01-15", "91 FR 1684")).toBe(true);
  });

  test("low confidence is reserved for conflicting reports, and says so", () => {
    const low = events.filter((e) => e.confidence === "low");
    expect(low.length).toBeGreaterThan(0);
    for (const e of low) expect(`${e.detail} ${e.sources.join(" ")}`, e.title).toMatch(/conflict/i);
  });

  test("v2 corrections: 88 FR 2821 added Macau only; the H200 customs report is dated its first report, 2026-01-14", () => {
    const macau = events.find((e) => e.date === "2023-01-17")!;
    expect(macau.title).toBe("Macau added to the October 2022 advanced-computing controls");
    expect(macau.title).not.toMatch(/D:5/);
    expect(macau.confidence).toBe("high");
    const h200 = events.filter((e) => e.type === "china-guidance" && /H200/.test(e.title));
    expect(h200.map((e) => e.date)).toEqual(["2026-01-14"]);
  });

  test("China's own measures cite the issuing body's text, with their Chinese titles and numbers", () => {
    // Announcement numbers and dates as MOFCOM/GAC, the CAC and the State Council Gazette give them.
    const at = (date: string) => events.find((e) => e.date === date && e.bloc === "CN" && e.titleZh)!;
    const expected: [string, RegExp, RegExp][] = [
      ["2023-07-03", /^商务部 海关总署公告2023年第23号 .*镓、锗/, /mofcom\.gov\.cn/],
      ["2023-07-10", /^生成式人工智能服务管理暂行办法$/, /cac\.gov\.cn/],
      ["2023-10-20", /^商务部 海关总署公告2023年第39号 .*石墨/, /mofcom\.gov\.cn/],
      ["2024-12-03", /^商务部公告2024年第46号 .*对美国出口管制/, /mofcom\.gov\.cn/],
      ["2024-12-09", /英伟达/, /SAMR/],
      ["2025-04-04", /^商务部 海关总署公告2025年第18号 .*中重稀土/, /mofcom\.gov\.cn/],
      ["2025-07-31", /H20.*英伟达/, /CAC|网信中国/],
    ];
    for (const [date, title, source] of expected) {
      const e = at(date);
      expect(e, date).toBeDefined();
      expect(e.titleZh, date).toMatch(title);
      expect(e.sources.join(" | "), date).toMatch(source);
      // Primary text on the issuer's own site is "high"; a notice read only through the press is "medium" and says so.
      if (e.confidence === "high")
        expect(e.sources[0], date).toMatch(/^https:\/\/www\.(mofcom|cac)\.gov\.cn\//);
      else expect(e.detail, date).toMatch(/not located here/);
    }
    // The effective dates the announcements set.
    expect(at("2023-07-03").detail).toContain("effective 2023-08-01");
    expect(at("2023-10-20").detail).toContain("effective 2023-12-01");
    expect(at("2023-07-10").detail).toContain("effective 2023-08-15");
  });

  test("eventsBetween is inclusive at both ends", () => {
    const oct2023 = eventsBetween(events, "2023-10-17", "2023-10-23");
    // The US rule and listing of 2023-10-17, China's graphite announcement of 2023-10-20, NVIDIA's 2023-10-23 notice.
    expect(oct2023.map((e) => e.type)).toEqual(["rule", "entity-list", "china-guidance", "is-informed"]);
  });
});
