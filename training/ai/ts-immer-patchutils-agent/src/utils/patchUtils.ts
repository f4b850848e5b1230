import {Patch, PatchPath, die} from "../internal"

/**
 * Converts an Immer patch path into an RFC 6901 JSON Pointer,
 * e.g. `["todos", 0, "done"]` becomes `"/todos/0/done"`.
 * The empty path is the whole document: `""`.
 */
/*#__PURE__*/
export function toJsonPointer(path: PatchPath): string {
	let res = ""
	for (let i = 0; i < path.length; i++) {
		res += "/" + escapeSegment(String(path[i]))
	}
	return res
}

/**
 * Converts an RFC 6901 JSON Pointer back into a patch path.
 * Segments that look like array indices are returned as numbers, so that
 * the result can be passed straight to `applyPatches`.
 */
/*#__PURE__*/
export function fromJsonPointer(pointer: string): PatchPath {
	if (pointer === "") return []
	if (pointer[0] !== "/") die(15, pointer)
	return pointer
		.slice(1)
		.split("/")
		.map(segment => {
			const key = unescapeSegment(segment)
			// "0" and "12" are indices, "012" and "-1" are not
			return /^(0|[1-9]\d*)$/.test(key) ? Number(key) : key
		})
}

function escapeSegment(segment: string): string {
	// order matters: escape "~" first, or "/" -> "~1" -> "~01"
	return segment.replace(/~/g, "~0").replace(/\//g, "~1")
}

function unescapeSegment(segment: string): string {
	return segment.replace(/~1/g, "/").replace(/~0/g, "~")
}

/**
 * Drops patches whose effect is overwritten by a later patch in the same list,
 * for example many `replace` patches for the same property coming from
 * consecutive `produceWithPatches` calls. The result, applied to the same base
 * state, produces the same final state.
 *
 * Patches are only dropped when a later `replace`, `remove` or object `add`
 * targets the same path or one of its parents, and that later path does not
 * go through an array: array insertions and removals shift indices, so those
 * paths cannot be compared safely.
 */
export function compressPatches(patches: readonly Patch[]): Patch[] {
	const covered = new Set<string>()
	const keep: Patch[] = []

	for (let i = patches.length - 1; i >= 0; i--) {
		const patch = patches[i]
		if (!isCovered(covered, patch.path)) keep.push(patch)
		if (!isIndexPath(patch.path)) covered.add(toJsonPointer(patch.path))
	}
	return keep.reverse()
}

function isCovered(covered: Set<string>, path: PatchPath): boolean {
	if (!covered.size) return false
	let pointer = ""
	if (covered.has(pointer)) return true
	for (let i = 0; i < path.length; i++) {
		pointer += "/" + escapeSegment(String(path[i]))
		if (covered.has(pointer)) return true
	}
	return false
}

function isIndexPath(path: PatchPath): boolean {
	for (let i = 0; i < path.length; i++) {
		if (typeof path[i] === "number") return true
	}
	return false
}
