import { describe, expect, it } from "vitest";
import {
  addQuarters,
  h100e,
  pd,
  quarterEnd,
  quarterOf,
  quartersBetween,
  quarterStart,
  tpp,
} from "../../src/engine/units/index.js";
import { spec } from "./helpers.js";

describe("quarters", () => {
  it("maps dates to quarters and back", () => {
    expect(quarterOf("2022-10-07")).toBe("2022Q4");
    expect(quarterOf("2022-09-30")).toBe("2022Q3");
    expect(quarterStart("2022Q3")).toBe("2022-07-01");
    expect(quarterEnd("2024Q1")).toBe("2024-03-31");
    expect(quarterEnd("2022Q4")).toBe("2022-12-31");
    expect(quarterEnd("2023Q2")).toBe("2023-06-30");
  });
  it("adds and lists quarters across years", () => {
    expect(addQuarters("2022Q4", 1)).toBe("2023Q1");
    expect(addQuarters("2023Q1", -2)).toBe("2022Q3");
    const q = quartersBetween("2022Q3", "2030Q4");
    expect(q.length).toBe(34); // DESIGN §7: 34 quarters
    expect(q[0]).toBe("2022Q3");
    expect(q.at(-1)).toBe("2030Q4");
    expect(quartersBetween("2023Q1", "2022Q4")).toEqual([]);
  });
  it("rejects bad input", () => {
    expect(() => quarterOf("2023-02-30")).toThrow(/invalid date/);
    expect(() => quarterStart("2023Q5")).toThrow(/invalid quarter/);
  });
});

describe("chip metrics", () => {
  it("TPP is the max over precisions, with the precision named", () => {
    const t = tpp(spec({ fp64Tflops: 67, tf32Tflops: 494.7, fp16Tflops: 989.4, fp8Tflops: 1979 }));
    expect(t).toEqual({ tpp: 15832, precision: "fp8Tflops", bits: 8, tops: 1979 });
    expect(tpp(spec({})).tpp).toBeNull();
  });
  it("PD and H100e", () => {
    expect(pd(15832, 814)).toBeCloseTo(19.45, 2);
    expect(pd(15832, null)).toBeNull();
    expect(h100e(spec({ fp8Tflops: 1979 }))).toBe(1);
    expect(h100e(spec({ fp8Tflops: 296 }))).toBeCloseTo(0.1496, 4);
  });
});
