import { describe, expect, it } from "vitest";
import {
  csvCell,
  csvNumber,
  formatDate,
  formatMonths,
  formatNumber,
  formatPercent,
  formatQuarter,
  formatValue,
  parseLang,
  scientific,
  toCsv,
} from "../../src/engine/format/index.js";

describe("formatNumber", () => {
  it("keeps three significant digits below 1,000 and whole numbers above", () => {
    // The CLI used to print "PD … = 2.909090909090909" (32/11).
    expect(formatNumber(32 / 11)).toBe("2.91");
    expect(formatNumber(15_832)).toBe("15,832");
    expect(formatNumber(948_806)).toBe("948,806");
    expect(formatNumber(0.5)).toBe("0.5");
    expect(formatNumber(-4.25)).toBe("-4.25");
  });
  it("writes very large and very small numbers in powers of ten, never 'e+'", () => {
    expect(formatNumber(1.62e25)).toBe("1.62 × 10²⁵");
    expect(formatNumber(1e26)).toBe("10²⁶");
    expect(formatNumber(1.2e-5)).toBe("1.2 × 10⁻⁵");
    expect(formatNumber(2_500_000_000)).toBe("2.5 × 10⁹");
    // 9.9996e9 rounds to 10.0 at 3 digits: the exponent carries.
    expect(scientific(9.9996e9)).toBe("10¹⁰");
  });
  it("says unknown for missing values and zero as 0", () => {
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(undefined)).toBe("—");
    expect(formatNumber(Number.NaN)).toBe("—");
    expect(formatNumber(0)).toBe("0");
  });
  it("uses 万 and 亿 in Chinese when asked for compact figures", () => {
    expect(formatNumber(948_806, { lang: "zh-CN", compact: true })).toBe("94.9万");
    expect(formatNumber(1.62e9, { lang: "zh-CN", compact: true })).toBe("16.2亿");
    // Beyond 万亿 the powers of ten read better than "万亿" stacks.
    expect(formatNumber(1.62e25, { lang: "zh-CN", compact: true })).toBe("1.62 × 10²⁵");
    // English keeps grouped digits even in compact mode.
    expect(formatNumber(948_806, { compact: true })).toBe("948,806");
  });
});

describe("months, percentages, dates and quarters", () => {
  it("states the unit in words", () => {
    expect(formatMonths(14.236)).toBe("14.2 months");
    expect(formatMonths(1)).toBe("1.0 month");
    expect(formatMonths(14.236, "zh-CN")).toBe("14.2 个月");
    expect(formatMonths(null)).toBe("—");
  });
  it("rounds probabilities to whole percentages with <1% and >99% at the ends", () => {
    expect(formatPercent(0.372)).toBe("37%");
    expect(formatPercent(0.004)).toBe("<1%");
    expect(formatPercent(0.996)).toBe(">99%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(1)).toBe("100%");
  });
  it("formats ISO days in each language's order", () => {
    expect(formatDate("2025-06-01")).toBe("1 Jun 2025");
    expect(formatDate("2025-06-01", "zh-CN")).toBe("2025年6月1日");
    expect(formatDate("2025-06-01", "zh-CN", "month")).toBe("2025年6月");
    expect(formatDate("not a date")).toBe("not a date");
    expect(formatDate("")).toBe("—");
  });
  it("names quarters", () => {
    expect(formatQuarter("2028Q4")).toBe("2028 Q4");
    expect(formatQuarter("2028Q4", "zh-CN")).toBe("2028年第四季度");
  });
  it("reads language tags", () => {
    expect(parseLang("zh-CN")).toBe("zh-CN");
    expect(parseLang("zh")).toBe("zh-CN");
    expect(parseLang("en-US")).toBe("en");
    expect(parseLang("fr")).toBeNull();
    expect(parseLang(undefined)).toBeNull();
  });
});

describe("formatValue (table cells never show raw JSON)", () => {
  it("lists object entries as key = value with formatted numbers", () => {
    expect(formatValue({ tpp: 15_832, pd: 32 / 11, datacenter: true })).toBe(
      "tpp = 15,832; pd = 2.91; datacenter = yes",
    );
    expect(formatValue([1, 2.5])).toBe("1, 2.5");
    expect(formatValue(null)).toBe("—");
  });
});

describe("CSV", () => {
  it("writes numbers with at most six significant digits", () => {
    expect(csvNumber(32 / 11)).toBe("2.90909");
    expect(csvNumber(948_806)).toBe("948806");
    expect(csvNumber(1.62e25)).toBe("1.62e+25");
    expect(csvNumber(0.1 + 0.2)).toBe("0.3");
    expect(csvNumber(Number.NaN)).toBe("");
  });
  it("quotes separators and defuses formula-like text", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("+1 555")).toBe("'+1 555");
    // Signed numbers given as text stay numbers.
    expect(csvCell("-3.5")).toBe("-3.5");
    expect(csvCell(-3.5)).toBe("-3.5");
  });
  it("builds a table with a header from the union of keys and comment lines first", () => {
    expect(
      toCsv(
        [
          { a: 1, b: "x" },
          { a: 2, c: true },
        ],
        ["Title: test"],
      ),
    ).toBe("# Title: test\r\na,b,c\r\n1,x,\r\n2,,true\r\n");
  });
});
