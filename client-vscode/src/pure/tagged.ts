// What a tagged region's hover says, from the diagnostic's data (no vscode import).

export interface TaggedData {
  tool?: string | null;
  model?: string | null;
  tagged?: { created?: string | null; tagged_by?: string | null; training?: string; kind?: string } | null;
}

const KINDS: Record<string, string> = {
  ai: "AI-generated",
  human: "Written by a person",
  mixed: "Mixed human and AI",
  unknown: "Of unknown origin",
};

export function hoverText(code: string, data: TaggedData | undefined, message: string): string {
  const t = data?.tagged;
  if (!t) {
    return `**Provmark**: ${message}`;
  }
  const what = KINDS[t.kind ?? (code === "human-tagged" ? "human" : "ai")] ?? message;
  const tool = data?.tool ? ` by ${data.tool}${data.model ? ` (${data.model})` : ""}` : "";
  const when = t.created ? `, tagged ${t.created.replace("T", " ").replace("Z", " UTC")}` : "";
  const who = t.tagged_by === "auto" ? " automatically, on proof" : "";
  const training = t.training === "include" ? "included in training data" : "excluded from training data";
  return `**Provmark**: ${what}${tool}${when}${who}. ${training[0].toUpperCase()}${training.slice(1)}.`;
}
