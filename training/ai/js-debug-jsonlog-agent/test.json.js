/* eslint-env mocha */

const assert = require('assert');
const debug = require('./src/json');

function capture(fn) {
	const lines = [];
	const stream = debug.stream;
	debug.stream = {write: line => lines.push(line)};
	try {
		fn();
	} finally {
		debug.stream = stream;
	}
	return lines.map(line => JSON.parse(line));
}

describe('json', () => {
	beforeEach(() => {
		debug.enable('test*');
	});

	afterEach(() => {
		debug.disable();
	});

	it('writes one record per call', () => {
		const log = debug('test');
		const records = capture(() => {
			log('hello %s', 'world');
			log('again');
		});

		assert.strictEqual(records.length, 2);
		assert.strictEqual(records[0].namespace, 'test');
		assert.strictEqual(records[0].msg, 'hello world');
		assert.strictEqual(records[1].msg, 'again');
		assert.ok(!Number.isNaN(Date.parse(records[0].time)));
	});

	it('keeps extra arguments', () => {
		const log = debug('test:args');
		const [record] = capture(() => log('user', {id: 1}, 42n, new Error('boom')));

		assert.deepStrictEqual(record.args.slice(0, 2), [{id: 1}, '42']);
		assert.strictEqual(record.args[2].message, 'boom');
		assert.strictEqual(record.args[2].name, 'Error');
	});

	it('survives circular arguments', () => {
		const log = debug('test');
		const obj = {};
		obj.self = obj;
		const [record] = capture(() => log('circular', obj));

		assert.strictEqual(typeof record.args[0], 'string');
		assert.ok(record.args[0].includes('Circular'));
	});

	it('supports the %j formatter', () => {
		const log = debug('test');
		const [record] = capture(() => log('value %j', {a: [1, 2]}));

		assert.strictEqual(record.msg, 'value {"a":[1,2]}');
		assert.strictEqual(record.args, undefined);
	});

	it('respects enable()', () => {
		const log = debug('other');
		const records = capture(() => log('hidden'));

		assert.strictEqual(records.length, 0);
	});

	it('never uses colors', () => {
		assert.strictEqual(debug('test').useColors, false);
	});
});
