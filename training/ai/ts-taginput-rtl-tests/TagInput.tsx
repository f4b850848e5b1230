import { useState, type KeyboardEvent, type ClipboardEvent } from "react";

export interface TagInputProps {
  value: string[];
  onChange: (tags: string[]) => void;
  label?: string;
  placeholder?: string;
  maxTags?: number;
  /** Return an error message to reject a tag, or null to accept it. */
  validate?: (tag: string) => string | null;
  separators?: string[];
  disabled?: boolean;
}

export function TagInput({
  value,
  onChange,
  label = "Tags",
  placeholder = "Add a tag…",
  maxTags = Infinity,
  validate,
  separators = [",", "Enter"],
  disabled = false,
}: TagInputProps) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  const full = value.length >= maxTags;

  function commit(raw: string[]): void {
    const next = [...value];
    for (const candidate of raw.map((t) => t.trim()).filter(Boolean)) {
      if (next.length >= maxTags) {
        setError(`You can add at most ${maxTags} tags`);
        break;
      }
      if (next.some((t) => t.toLowerCase() === candidate.toLowerCase())) {
        setError(`"${candidate}" is already added`);
        continue;
      }
      const problem = validate?.(candidate) ?? null;
      if (problem) {
        setError(problem);
        continue;
      }
      next.push(candidate);
      setError(null);
    }
    if (next.length !== value.length) onChange(next);
    setDraft("");
  }

  function remove(index: number): void {
    onChange(value.filter((_, i) => i !== index));
    setError(null);
  }

  function handleKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (separators.includes(e.key)) {
      e.preventDefault();
      commit([draft]);
    } else if (e.key === "Backspace" && draft === "" && value.length > 0) {
      remove(value.length - 1);
    }
  }

  function handlePaste(e: ClipboardEvent<HTMLInputElement>): void {
    const text = e.clipboardData.getData("text");
    const charSeps = separators.filter((s) => s.length === 1);
    if (!charSeps.some((s) => text.includes(s)) && !text.includes("\n")) return;
    e.preventDefault();
    const pattern = new RegExp(`[${charSeps.map((s) => "\\" + s).join("")}\\n]`);
    commit(text.split(pattern));
  }

  const inputId = "tag-input";
  const errorId = "tag-input-error";

  return (
    <div className="tag-input" aria-disabled={disabled}>
      <label htmlFor={inputId}>{label}</label>
      <ul aria-label="Selected tags">
        {value.map((tag, i) => (
          <li key={tag}>
            <span>{tag}</span>
            <button type="button" onClick={() => remove(i)} disabled={disabled} aria-label={`Remove ${tag}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={inputId}
        value={draft}
        placeholder={full ? "" : placeholder}
        disabled={disabled || full}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={handleKeyDown}
        onPaste={handlePaste}
        onBlur={() => draft.trim() && commit([draft])}
      />
      {error && (
        <p id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
