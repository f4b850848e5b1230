import process from 'node:process';
import test from 'ava';
import {execa, execaSync} from '../index.js';
import {getVerbose, getTimestamp, logCommand, logResult} from '../lib/verbose.js';
import {setFixtureDir} from './helpers/fixtures-dir.js';

setFixtureDir();

const createWritable = () => {
	const lines = [];
	return {lines, write: chunk => lines.push(chunk)};
};

const TIMESTAMP_REGEXP = /^\[\d{2}:\d{2}:\d{2}\.\d{3}]/;

test('getVerbose() defaults to false', t => {
	t.false(getVerbose({}));
});

test('getVerbose() returns the option', t => {
	t.true(getVerbose({verbose: true}));
	t.false(getVerbose({verbose: false}));
});

test('getVerbose() validates the option', t => {
	t.throws(() => {
		getVerbose({verbose: 'yes'});
	}, {message: /`verbose` option to be a boolean/});
});

test('getTimestamp() pads every field', t => {
	t.is(getTimestamp(new Date(2022, 0, 1, 3, 4, 5, 6)), '03:04:05.006');
	t.is(getTimestamp(new Date(2022, 0, 1, 23, 59, 59, 999)), '23:59:59.999');
});

test('logCommand() prints the escaped command', t => {
	const writable = createWritable();
	logCommand('noop "foo bar"', {verbose: true}, writable);
	t.is(writable.lines.length, 1);
	t.regex(writable.lines[0], TIMESTAMP_REGEXP);
	t.true(writable.lines[0].endsWith(' noop "foo bar"\n'));
});

test('logCommand() prints nothing without "verbose"', t => {
	const writable = createWritable();
	logCommand('noop foo', {verbose: false}, writable);
	logCommand('noop foo', {}, writable);
	t.deepEqual(writable.lines, []);
});

test('logCommand() ignores write errors', t => {
	const writable = {
		write() {
			throw new Error('EPIPE');
		},
	};
	t.notThrows(() => {
		logCommand('noop', {verbose: true}, writable);
	});
});

const resultStatusMacro = (t, result, expected) => {
	const writable = createWritable();
	logResult({escapedCommand: 'noop', ...result}, process.hrtime.bigint(), {verbose: true}, writable);
	t.regex(writable.lines[0], TIMESTAMP_REGEXP);
	t.true(writable.lines[0].includes(` ${expected} in `));
	t.true(writable.lines[0].endsWith('ms: noop\n'));
};

test('logResult() success', resultStatusMacro, {failed: false, exitCode: 0}, 'done');
test('logResult() exit code', resultStatusMacro, {failed: true, exitCode: 2}, 'failed with exit code 2');
test('logResult() timeout', resultStatusMacro, {failed: true, timedOut: true, signal: 'SIGTERM'}, 'timed out');
test('logResult() cancel', resultStatusMacro, {failed: true, isCanceled: true}, 'canceled');
test('logResult() signal', resultStatusMacro, {failed: true, signal: 'SIGINT'}, 'killed with SIGINT');
test('logResult() spawn error', resultStatusMacro, {failed: true}, 'failed');

test('execa() prints the command and its result with "verbose: true"', async t => {
	const {stderr} = await execa('node', ['nested-verbose.js', 'noop', 'foo bar']);
	const lines = stderr.split('\n');
	t.is(lines.length, 2);
	t.true(lines[0].endsWith(' noop "foo bar"'));
	t.regex(lines[1], /done in \d+ms: noop "foo bar"$/);
});

test('execa() does not print anything by default', async t => {
	const {stderr} = await execa('noop', ['foo']);
	t.is(stderr, '');
});

test('execaSync() prints the command with "verbose: true"', t => {
	const {stderr} = execaSync('node', ['nested-verbose.js', 'noop', 'foo', '--sync']);
	t.regex(stderr, /noop foo\n.*done in \d+ms: noop foo$/);
});

test('NODE_DEBUG=execa enables "verbose"', async t => {
	const {stderr} = await execa('node', ['nested-verbose.js', 'noop', 'foo', '--default'], {env: {NODE_DEBUG: 'execa'}});
	t.true(stderr.split('\n')[0].endsWith(' noop foo'));
});

test('A failing command is logged with its exit code', async t => {
	const {stderr} = await execa('node', ['nested-verbose.js', 'exit', '2'], {reject: false});
	t.regex(stderr, /failed with exit code 2 in \d+ms: exit 2$/);
});
