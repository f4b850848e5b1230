/**
 * Module dependencies.
 */

const fs = require('fs');
const util = require('util');

/**
 * This is the newline-delimited JSON implementation of `debug()`.
 *
 * Every call writes one line such as:
 *
 *   {"time":"2020-11-20T10:00:00.000Z","namespace":"app:db","msg":"connected","diff":12}
 *
 * which is easier to ship to a log collector than colored text.
 */

exports.init = init;
exports.log = log;
exports.formatArgs = formatArgs;
exports.save = save;
exports.load = load;
exports.useColors = useColors;
exports.destroy = destroy;

/**
 * No colors in JSON output, but `common.js` still wants a list to pick from.
 */

exports.colors = [0];

/**
 * Where records go. Set `DEBUG_FILE` to append to a file instead of stderr.
 */

exports.stream = openStream(process.env.DEBUG_FILE);

function openStream(path) {
	if (!path) {
		return process.stderr;
	}

	try {
		return fs.createWriteStream(path, {flags: 'a'});
	} catch (error) {
		// Fall back to stderr rather than throwing at require() time
		process.stderr.write(`debug: cannot open DEBUG_FILE ${path}: ${error.message}\n`);
		return process.stderr;
	}
}

/**
 * JSON never has colors.
 */

function useColors() {
	return false;
}

/**
 * Turns the formatted arguments into a single JSON record.
 *
 * Extra arguments that were not consumed by a `%` placeholder are kept
 * in an `args` array, and `Error` objects get their message and stack.
 *
 * @api public
 */

function formatArgs(args) {
	const record = {
		time: new Date().toISOString(),
		namespace: this.namespace,
		msg: ''
	};

	// Let `util.format()` fill in the placeholders it understands (%s, %d, ...)
	// and keep whatever is left over as structured data.
	const used = countPlaceholders(args[0]);
	record.msg = util.format(...args.slice(0, used + 1));
	const rest = args.slice(used + 1).map(toJSONValue);

	if (rest.length > 0) {
		record.args = rest;
	}

	if (typeof this.diff === 'number') {
		record.diff = this.diff;
	}

	let line;
	try {
		line = JSON.stringify(record);
	} catch (error) {
		// Circular structures and BigInts: degrade to `util.inspect()` output
		record.args = rest.map(v => util.inspect(v, {depth: 2, breakLength: Infinity}));
		line = JSON.stringify(record);
	}

	args.length = 0;
	args.push(line);
}

function countPlaceholders(format) {
	if (typeof format !== 'string') {
		return 0;
	}
	const matches = format.match(/%[sdifjoOc%]/g) || [];
	return matches.filter(m => m !== '%%').length;
}

function toJSONValue(v) {
	if (v instanceof Error) {
		return {name: v.name, message: v.message, stack: v.stack};
	}
	if (typeof v === 'bigint') {
		return v.toString();
	}
	return v;
}

/**
 * Writes a single line to the output stream.
 */

function log(line) {
	return module.exports.stream.write(line + '\n');
}

/**
 * Save `namespaces`.
 *
 * @param {String} namespaces
 * @api private
 */
function save(namespaces) {
	if (namespaces) {
		process.env.DEBUG = namespaces;
	} else {
		delete process.env.DEBUG;
	}
}

/**
 * Load `namespaces`.
 *
 * @return {String} returns the previously persisted debug modes
 * @api private
 */

function load() {
	return process.env.DEBUG;
}

/**
 * Nothing to set up per instance.
 */

function init(debug) {
	debug.inspectOpts = {};
}

/**
 * Close the file stream, if we opened one.
 *
 * @api public
 */

function destroy() {
	const {stream} = module.exports;
	if (stream !== process.stderr) {
		stream.end();
		module.exports.stream = process.stderr;
	}
}

module.exports = require('./common')(exports);

const {formatters} = module.exports;

/**
 * Map %j to `JSON.stringify()`, like `util.format()` does.
 */

formatters.j = function (v) {
	try {
		return JSON.stringify(v);
	} catch (error) {
		return '[UnexpectedJSONParseError]: ' + error.message;
	}
};

/**
 * Map %o and %O to a single-line `util.inspect()`, since a record is one line.
 */

formatters.o = function (v) {
	return util.inspect(v, {breakLength: Infinity});
};

formatters.O = formatters.o;
