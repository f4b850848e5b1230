import { describe, expect, it, vi } from "vitest";
import { Catalog } from "./catalog";
import { formatMessage, MissingArgumentError } from "./format";
import { MessageSyntaxError } from "./parser";

describe("formatMessage", () => {
  it("substitutes simple arguments", () => {
    expect(formatMessage("Hello, {name}!", { name: "Ada" })).toBe("Hello, Ada!");
  });

  it.each([
    [0, "No files"],
    [1, "1 file"],
    [2, "2 files"],
    [1500, "1,500 files"],
  ])("pluralises %d in English", (count, expected) => {
    const msg = "{count, plural, =0 {No files} one {# file} other {# files}}";
    expect(formatMessage(msg, { count })).toBe(expected);
  });

  it("uses the locale's plural categories", () => {
    // Polish distinguishes one / few / many.
    const msg = "{n, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}";
    expect(formatMessage(msg, { n: 1 }, "pl")).toBe("1 plik");
    expect(formatMessage(msg, { n: 3 }, "pl")).toBe("3 pliki");
    expect(formatMessage(msg, { n: 5 }, "pl")).toBe("5 plików");
  });

  it("supports select nested in plural", () => {
    const msg = "{n, plural, one {{g, select, female {She has} other {They have}} # cat} other {# cats}}";
    expect(formatMessage(msg, { n: 1, g: "female" })).toBe("She has 1 cat");
    expect(formatMessage(msg, { n: 4, g: "female" })).toBe("4 cats");
  });

  it("treats quoted braces and lone apostrophes as text", () => {
    expect(formatMessage("Use '{name}' literally, don't {x}", { x: "worry" })).toBe(
      "Use {name} literally, don't worry",
    );
  });

  it("throws on missing values by default", () => {
    expect(() => formatMessage("Hi {name}")).toThrow(MissingArgumentError);
  });

  it("can keep placeholders for missing values", () => {
    expect(formatMessage("Hi {name}", {}, "en", { onMissing: "keep" })).toBe("Hi {name}");
  });

  it("reports syntax errors with a position", () => {
    expect(() => formatMessage("{n, plural, one {x}}")).toThrow(/must have an "other" option/);
    expect(() => formatMessage("oops }")).toThrow(MessageSyntaxError);
  });
});

describe("Catalog", () => {
  const catalog = () =>
    new Catalog({
      en: { greeting: "Hello {name}", bye: "Goodbye" },
      de: { greeting: "Hallo {name}" },
      "de-AT": { greeting: "Servus {name}" },
    });

  it("prefers the most specific locale", () => {
    expect(catalog().t("de-AT", "greeting", { name: "Eva" })).toBe("Servus Eva");
    expect(catalog().t("de-CH", "greeting", { name: "Eva" })).toBe("Hallo Eva");
  });

  it("falls back to the fallback locale and reports it once", () => {
    const onMissingKey = vi.fn();
    const c = new Catalog({ en: { bye: "Goodbye" }, de: {} }, { onMissingKey });
    expect(c.t("de", "bye")).toBe("Goodbye");
    expect(c.t("de", "bye")).toBe("Goodbye");
    expect(onMissingKey).toHaveBeenCalledTimes(1);
    expect(onMissingKey).toHaveBeenCalledWith("bye", "de");
  });

  it("returns the key for unknown messages", () => {
    expect(catalog().t("en", "does.not.exist")).toBe("does.not.exist");
  });

  it("rejects invalid messages when they are added", () => {
    expect(() => new Catalog({ en: { broken: "{n, plural, one {x}" } })).toThrow(/Invalid messages for locale "en"/);
  });

  it("lists untranslated keys", () => {
    expect(catalog().missingKeys("de")).toEqual(["bye"]);
  });

  it("rejects malformed locale tags", () => {
    expect(() => catalog().t("not a locale", "bye")).toThrow(RangeError);
  });
});
