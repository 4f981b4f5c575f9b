import { afterAll, describe, expect, it } from "vitest";
import { tinyCatalogue } from "../server/fixtures.js";
import { expectError, jsonOf, post, testApp } from "../server/helpers.js";
import { captureCli } from "../support/cli.js";

// The software/technology items and the buyer's owners from the CLI (--software-tech, --owned-by) and the API
// (softwareTech, ownedBy): the same engine answers, errors naming the flag or field.
const t = testApp({ chips: tinyCatalogue });
const { app } = t;
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked field by field by the assertions
type Json = Record<string, any>;
const HUAWEI = "Huawei Technologies Co., Ltd.";

describe("CLI: --software-tech and --owned-by", () => {
  it("technology for the H100 is 3E001 with the chip's licence answer; the human output says so", async () => {
    const j = await captureCli([
      "classify",
      "--chip",
      "nvidia-h100-sxm",
      "--software-tech",
      "3e001",
      "--date",
      "2025-06-01",
      "--json",
    ]);
    expect(j.code).toBe(0);
    const r = JSON.parse(j.stdout);
    expect(r.item).toMatchObject({ kind: "technology", eccn: "3E001" });
    expect(r.licenseRequired).toBe(true);
    const h = await captureCli([
      "classify",
      "--chip",
      "nvidia-h100-sxm",
      "--software-tech",
      "5E992",
      "--also-eccn",
      "5A992",
      "--date",
      "2025-06-01",
    ]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Technology 5E992 for NVIDIA H100/);
    expect(h.stdout).toMatch(/Classification\s+3A090\.a {2}→ technology 5E992/);
  });

  it("a listed owner with 60 % on 2025-10-01 makes the buyer restricted; suspended on 2026-01-01", async () => {
    const on = await captureCli([
      "classify",
      "--chip",
      "nvidia-h100-sxm",
      "--dest",
      "DE",
      "--buyer",
      "Acme Compute GmbH",
      "--owned-by",
      `${HUAWEI}:60`,
      "--owned-by",
      "Jane Doe Holdings:40",
      "--date",
      "2025-10-01",
      "--db",
      "/nonexistent/none.db",
    ]);
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/Licence required\s+yes/);
    expect(on.stdout).toMatch(
      /Ownership\s+Huawei Technologies Co\., Ltd\. 60 % \(Entity List: huawei\); Jane Doe Holdings 40 % — listed owners 60 %: Affiliates rule applied/,
    );
    const off = await captureCli([
      "classify",
      "--chip",
      "nvidia-h100-sxm",
      "--dest",
      "DE",
      "--owned-by",
      `${HUAWEI}:60`,
      "--date",
      "2026-01-01",
      "--json",
      "--db",
      "/nonexistent/none.db",
    ]);
    const r = JSON.parse(off.stdout);
    expect(r.licenseRequired).toBe(false);
    expect(r.ownership).toMatchObject({ status: "suspended", applied: false, listedPercent: 60 });
  });

  it("bad input: exit 2 naming the flag and the value", async () => {
    const noPct = await captureCli(["classify", "--chip", "nvidia-h100-sxm", "--owned-by", "Huawei"]);
    expect(noPct.code).toBe(2);
    expect(noPct.stderr).toMatch(/invalid --owned-by: "Huawei" \(must be NAME:PERCENT/);
    const over = await captureCli([
      "classify",
      "--chip",
      "nvidia-h100-sxm",
      "--owned-by",
      "A:150",
      "--db",
      "/nonexistent/none.db",
    ]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/invalid --owned-by #1 percent: 150/);
    const sum = await captureCli([
      "classify",
      "--chip",
      "nvidia-h100-sxm",
      "--owned-by",
      "A:60",
      "--owned-by",
      "B:60",
      "--db",
      "/nonexistent/none.db",
    ]);
    expect(sum.code).toBe(2);
    expect(sum.stderr).toMatch(/invalid --owned-by: the shares add up to 120 %/);
    const st = await captureCli(["classify", "--chip", "nvidia-h100-sxm", "--software-tech", "9E003"]);
    expect(st.code).toBe(2);
    expect(st.stderr).toMatch(
      /invalid --software-tech: "9E003" \(software and technology ECCNs modelled: 3D001/,
    );
    const needs = await captureCli(["classify", "--chip", "nvidia-h100-sxm", "--software-tech", "5E002"]);
    expect(needs.code).toBe(2);
    expect(needs.stderr).toMatch(/give --also-eccn 5A002/);
  });
});

describe("API: softwareTech and ownedBy", () => {
  it("POST /classify with softwareTech 5D002: the H100's software is 5D002.z, licence as the chip", async () => {
    const j = await jsonOf<Json>(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        softwareTech: "5d002",
        date: "2025-06-01",
        destination: "CN",
      }),
    );
    expect(j.item).toMatchObject({ kind: "software", eccn: "5D002.z" });
    expect(j.licenseRequired).toBe(true);
    expect(j.reviewPolicy).toBe("presumption-of-denial");
  });

  it("POST /classify with ownedBy: 50 % listed on 2025-10-01 → licence; ownership in the answer", async () => {
    const j = await jsonOf<Json>(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        destination: "DE",
        date: "2025-10-01",
        ownedBy: [{ name: HUAWEI, percent: 50 }],
      }),
    );
    expect(j.licenseRequired).toBe(true);
    expect(j.ownership).toMatchObject({ listedPercent: 50, applied: true, status: "in-force" });
  });

  it("bad input: 400 naming the field", async () => {
    await expectError(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", softwareTech: "3A090" }),
      400,
      "bad_input",
      "softwareTech",
    );
    await expectError(
      await post(app, "/classify", { chip: "nvidia-h100-sxm", softwareTech: "5E002", date: "2025-06-01" }),
      400,
      "bad_input",
      "alsoEccn",
    );
    await expectError(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        ownedBy: [{ name: HUAWEI, percent: 101 }],
      }),
      400,
      "bad_input",
      "ownedBy[0].percent",
    );
    await expectError(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        ownedBy: [
          { name: "A", percent: 70 },
          { name: "B", percent: 40 },
        ],
      }),
      400,
      "bad_input",
      "ownedBy",
    );
    await expectError(
      await post(app, "/classify", {
        chip: "nvidia-h100-sxm",
        ownedBy: [{ name: "z".repeat(10_000), percent: 10 }],
      }),
      400,
      "bad_input",
      "ownedBy[0].name",
    );
  });
});
