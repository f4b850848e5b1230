"use strict"
import {
	produceWithPatches,
	applyPatches,
	enablePatches,
	enableMapSet
} from "../src/immer"
import {
	toJsonPointer,
	fromJsonPointer,
	compressPatches
} from "../src/utils/patchUtils"

enablePatches()
enableMapSet()

describe("json pointers", () => {
	test("round trip", () => {
		const paths = [
			[],
			["a"],
			["todos", 0, "done"],
			["a/b", "c~d"],
			[""],
			["007", 7]
		]
		for (const path of paths) {
			expect(fromJsonPointer(toJsonPointer(path))).toEqual(path)
		}
	})

	test("escaping", () => {
		expect(toJsonPointer(["a/b", "m~n"])).toBe("/a~1b/m~0n")
		expect(fromJsonPointer("/~01")).toEqual(["~1"])
	})

	test("rejects pointers without a leading slash", () => {
		expect(() => fromJsonPointer("a/b")).toThrow(
			"Cannot apply patch, path doesn't resolve: a/b"
		)
	})
})

describe("compressPatches", () => {
	function run(base, ...recipes) {
		let state = base
		const all = []
		for (const recipe of recipes) {
			const [next, patches] = produceWithPatches(state, recipe)
			all.push(...patches)
			state = next
		}
		return [state, all]
	}

	test("keeps the last replace of a property", () => {
		const [state, patches] = run(
			{count: 0},
			d => {
				d.count++
			},
			d => {
				d.count++
			},
			d => {
				d.count++
			}
		)
		const compressed = compressPatches(patches)
		expect(compressed).toEqual([{op: "replace", path: ["count"], value: 3}])
		expect(applyPatches({count: 0}, compressed)).toEqual(state)
	})

	test("a parent replace covers its children", () => {
		const [state, patches] = run(
			{user: {name: "a", age: 1}},
			d => {
				d.user.name = "b"
			},
			d => {
				d.user = {name: "c", age: 2}
			}
		)
		const compressed = compressPatches(patches)
		expect(compressed.length).toBe(1)
		expect(applyPatches({user: {name: "a", age: 1}}, compressed)).toEqual(state)
	})

	test("array index patches are kept", () => {
		const base = {list: [1, 2, 3]}
		const [state, patches] = run(
			base,
			d => {
				d.list[0] = 10
			},
			d => {
				d.list.shift()
			},
			d => {
				d.list[0] = 20
			}
		)
		const compressed = compressPatches(patches)
		expect(compressed).toEqual(patches)
		expect(applyPatches(base, compressed)).toEqual(state)
	})

	test("works on maps", () => {
		const base = {m: new Map([["a", 1]])}
		const [state, patches] = run(
			base,
			d => {
				d.m.set("a", 2)
			},
			d => {
				d.m.delete("a")
			}
		)
		const compressed = compressPatches(patches)
		expect(compressed).toEqual([{op: "remove", path: ["m", "a"]}])
		expect(applyPatches(base, compressed)).toEqual(state)
	})

	test("empty list", () => {
		expect(compressPatches([])).toEqual([])
	})
})
