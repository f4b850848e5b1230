import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import "@testing-library/jest-dom";
import { TagInput, type TagInputProps } from "./TagInput";

/**
 * TagInput is controlled, so most tests render it inside a tiny stateful
 * wrapper to observe the real behaviour a parent component would see.
 */
function Harness(props: Partial<TagInputProps> & { initial?: string[]; spy?: jest.Mock }) {
  const { initial = [], spy, ...rest } = props;
  const [tags, setTags] = useState<string[]>(initial);
  return (
    <TagInput
      {...rest}
      value={tags}
      onChange={(next) => {
        spy?.(next);
        setTags(next);
      }}
    />
  );
}

function setup(props: Parameters<typeof Harness>[0] = {}) {
  const user = userEvent.setup();
  const spy = props.spy ?? jest.fn();
  render(<Harness {...props} spy={spy} />);
  const input = screen.getByLabelText("Tags");
  const tagList = () => within(screen.getByRole("list", { name: "Selected tags" }));
  const tagTexts = () => tagList().queryAllByRole("listitem").map((li) => li.querySelector("span")?.textContent);
  return { user, spy, input, tagList, tagTexts };
}

describe("<TagInput />", () => {
  it("renders the label, placeholder and existing tags", () => {
    const { input, tagTexts } = setup({ initial: ["react", "testing"] });
    expect(input).toHaveAttribute("placeholder", "Add a tag…");
    expect(tagTexts()).toEqual(["react", "testing"]);
  });

  it("adds a tag when Enter is pressed", async () => {
    const { user, input, tagTexts, spy } = setup();
    await user.type(input, "typescript{Enter}");
    expect(tagTexts()).toEqual(["typescript"]);
    expect(spy).toHaveBeenCalledWith(["typescript"]);
    expect(input).toHaveValue("");
  });

  it("adds a tag when a comma is typed", async () => {
    const { user, input, tagTexts } = setup();
    await user.type(input, "one,two,");
    expect(tagTexts()).toEqual(["one", "two"]);
  });

  it("trims whitespace and ignores empty entries", async () => {
    const { user, input, tagTexts, spy } = setup();
    await user.type(input, "   {Enter}");
    expect(spy).not.toHaveBeenCalled();
    await user.type(input, "  spaced  {Enter}");
    expect(tagTexts()).toEqual(["spaced"]);
  });

  it("commits the draft on blur", async () => {
    const { user, input, tagTexts } = setup();
    await user.type(input, "blurred");
    await user.tab();
    expect(tagTexts()).toEqual(["blurred"]);
  });

  describe("duplicates", () => {
    it("rejects a case-insensitive duplicate and shows an error", async () => {
      const { user, input, tagTexts, spy } = setup({ initial: ["React"] });
      await user.type(input, "react{Enter}");
      expect(tagTexts()).toEqual(["React"]);
      expect(spy).not.toHaveBeenCalled();
      expect(screen.getByRole("alert")).toHaveTextContent('"react" is already added');
      expect(input).toHaveAttribute("aria-invalid", "true");
      expect(input).toHaveAccessibleDescription('"react" is already added');
    });

    it("clears the error as soon as the user types again", async () => {
      const { user, input } = setup({ initial: ["a"] });
      await user.type(input, "a{Enter}");
      expect(screen.getByRole("alert")).toBeInTheDocument();
      await user.type(input, "b");
      expect(screen.queryByRole("alert")).not.toBeInTheDocument();
      expect(input).not.toHaveAttribute("aria-invalid");
    });
  });

  describe("removing tags", () => {
    it("removes a tag via its remove button", async () => {
      const { user, tagTexts } = setup({ initial: ["a", "b", "c"] });
      await user.click(screen.getByRole("button", { name: "Remove b" }));
      expect(tagTexts()).toEqual(["a", "c"]);
    });

    it("removes the last tag on Backspace when the draft is empty", async () => {
      const { user, input, tagTexts } = setup({ initial: ["a", "b"] });
      await user.click(input);
      await user.keyboard("{Backspace}");
      expect(tagTexts()).toEqual(["a"]);
    });

    it("does not remove tags on Backspace while editing the draft", async () => {
      const { user, input, tagTexts } = setup({ initial: ["a"] });
      await user.type(input, "xy{Backspace}");
      expect(tagTexts()).toEqual(["a"]);
      expect(input).toHaveValue("x");
    });

    it("does nothing on Backspace with no tags", async () => {
      const { user, input, spy } = setup();
      await user.click(input);
      await user.keyboard("{Backspace}");
      expect(spy).not.toHaveBeenCalled();
    });
  });

  describe("maxTags", () => {
    it("disables the input once the limit is reached", async () => {
      const { user, input, tagTexts } = setup({ maxTags: 2 });
      await user.type(input, "a{Enter}b{Enter}");
      expect(tagTexts()).toEqual(["a", "b"]);
      expect(input).toBeDisabled();
      expect(input).toHaveAttribute("placeholder", "");
    });

    it("re-enables the input after a tag is removed", async () => {
      const { user, input } = setup({ initial: ["a", "b"], maxTags: 2 });
      expect(input).toBeDisabled();
      await user.click(screen.getByRole("button", { name: "Remove a" }));
      expect(input).toBeEnabled();
    });

    it("stops a paste at the limit and explains why", async () => {
      const { user, input, tagTexts } = setup({ maxTags: 2 });
      await user.click(input);
      await user.paste("x,y,z");
      expect(tagTexts()).toEqual(["x", "y"]);
      expect(screen.getByRole("alert")).toHaveTextContent("at most 2 tags");
    });
  });

  describe("validate", () => {
    const noSpaces = (t: string) => (/\s/.test(t) ? "Tags cannot contain spaces" : null);

    it("rejects tags the validator flags", async () => {
      const { user, input, tagTexts } = setup({ validate: noSpaces });
      await user.type(input, "two words{Enter}");
      expect(tagTexts()).toEqual([]);
      expect(screen.getByRole("alert")).toHaveTextContent("Tags cannot contain spaces");
    });

    it("accepts tags the validator allows", async () => {
      const validate = jest.fn(noSpaces);
      const { user, input, tagTexts } = setup({ validate });
      await user.type(input, "ok{Enter}");
      expect(validate).toHaveBeenCalledWith("ok");
      expect(tagTexts()).toEqual(["ok"]);
    });
  });

  describe("paste", () => {
    it("splits pasted text on separators and newlines", async () => {
      const { user, input, tagTexts, spy } = setup();
      await user.click(input);
      await user.paste("alpha, beta\ngamma");
      expect(tagTexts()).toEqual(["alpha", "beta", "gamma"]);
      expect(spy).toHaveBeenCalledTimes(1);
    });

    it("pastes plain text into the draft when there is no separator", async () => {
      const { user, input, spy } = setup();
      await user.click(input);
      await user.paste("single");
      expect(input).toHaveValue("single");
      expect(spy).not.toHaveBeenCalled();
    });

    it("keeps valid tags from a paste even when some are rejected", async () => {
      const { user, input, tagTexts } = setup({ initial: ["beta"] });
      await user.click(input);
      await user.paste("alpha,beta,gamma");
      expect(tagTexts()).toEqual(["beta", "alpha", "gamma"]);
    });
  });

  it("honours custom separators", async () => {
    const { user, input, tagTexts } = setup({ separators: [";", " "] });
    await user.type(input, "a;b c{Enter}");
    expect(tagTexts()).toEqual(["a", "b"]);
    expect(input).toHaveValue("c");
  });

  it("disables everything when disabled", () => {
    setup({ initial: ["a"], disabled: true });
    expect(screen.getByLabelText("Tags")).toBeDisabled();
    expect(screen.getByRole("button", { name: "Remove a" })).toBeDisabled();
  });
});
