import {debuglog} from 'node:util';
import process from 'node:process';

// `NODE_DEBUG=execa` turns on `verbose` for every call that does not set it
const isDebugEnabled = () => debuglog('execa').enabled;

export const getVerbose = ({verbose}) => {
	if (verbose === undefined) {
		return isDebugEnabled();
	}

	if (typeof verbose !== 'boolean') {
		throw new TypeError(`Expected the \`verbose\` option to be a boolean, got \`${verbose}\` (${typeof verbose})`);
	}

	return verbose;
};

const padField = (field, padding) => String(field).padStart(padding, '0');

// Local time, like the timestamps of most CLI tools: `HH:MM:SS.mmm`
export const getTimestamp = (date = new Date()) => `${padField(date.getHours(), 2)}:${padField(date.getMinutes(), 2)}:${padField(date.getSeconds(), 2)}.${padField(date.getMilliseconds(), 3)}`;

const writeLine = (line, writable) => {
	// Writing to a closed `stderr` must not make the command itself fail
	try {
		writable.write(`${line}\n`);
	} catch {}
};

// `verbose` option handling: print the command before it is spawned
export const logCommand = (escapedCommand, options, writable = process.stderr) => {
	if (!getVerbose(options)) {
		return;
	}

	writeLine(`[${getTimestamp()}] ${escapedCommand}`, writable);
};

const getStatus = ({failed, timedOut, isCanceled, signal, exitCode}) => {
	if (!failed) {
		return 'done';
	}

	if (timedOut) {
		return 'timed out';
	}

	if (isCanceled) {
		return 'canceled';
	}

	if (signal !== undefined && signal !== null) {
		return `killed with ${signal}`;
	}

	if (exitCode !== undefined) {
		return `failed with exit code ${exitCode}`;
	}

	return 'failed';
};

// Print how the command ended, with its duration. `startTime` is a `process.hrtime.bigint()` value.
export const logResult = (result, startTime, options, writable = process.stderr) => {
	if (!getVerbose(options)) {
		return;
	}

	const durationMs = Number(process.hrtime.bigint() - startTime) / 1e6;
	writeLine(`[${getTimestamp()}] ${getStatus(result)} in ${durationMs.toFixed(0)}ms: ${result.escapedCommand}`, writable);
};
