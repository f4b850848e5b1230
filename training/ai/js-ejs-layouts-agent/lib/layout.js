/*
 * EJS Embedded JavaScript templates
 * Copyright 2112 Matthew Eernisse (mde@fleegix.org)
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *         http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 *
*/

'use strict';

/**
 * Layout support for EJS: render a view, then render a layout template
 * around it, with the view's output available in the layout as `body`.
 *
 * A view can pick (or disable) its layout by calling `layout()` from
 * inside the template:
 *
 *     <% layout('layouts/admin') -%>
 *     <h1>Users</h1>
 *
 * @module layout
 * @public
 */

var fs = require('fs');
var path = require('path');
var ejs = require('./ejs');
var utils = require('./utils');

var _DEFAULT_BODY_NAME = 'body';
var _MAX_LAYOUT_DEPTH = 10;

/**
 * Find the file a layout name refers to: relative to the view first,
 * then in each of the `views` directories.
 *
 * @param {String}  name     layout name, with or without extension
 * @param {Options} options  compilation options of the view
 * @return {String}
 * @private
 */

function resolveLayout(name, options) {
  var candidates = [];
  var found;

  if (path.isAbsolute(name)) {
    candidates.push(ejs.resolveInclude(name, '/', true));
  }
  else {
    if (options.filename) {
      candidates.push(ejs.resolveInclude(name, options.filename));
    }
    if (Array.isArray(options.views)) {
      options.views.forEach(function (dir) {
        candidates.push(ejs.resolveInclude(name, dir, true));
      });
    }
  }

  found = candidates.filter(function (p) {
    return fs.existsSync(p);
  })[0];
  if (!found) {
    throw new Error('Could not find the layout file "' +
        utils.escapeXML(name) + '"');
  }
  return found;
}

/**
 * Render `filename` and every layout around it, innermost first.
 *
 * @param {String}  filename path of the view
 * @param {Object}  data     template data
 * @param {Options} opts     options, `opts.layout` is the default layout
 * @return {String}
 * @private
 */

function renderWithLayouts(filename, data, opts) {
  var bodyName = opts.layoutBody || _DEFAULT_BODY_NAME;
  var current = filename;
  var seen = {};
  var depth = 0;
  var output;
  var chosen = opts.layout;

  while (current) {
    if (seen[current]) {
      throw new Error('Layout loop detected at "' +
          utils.escapeXML(current) + '"');
    }
    if (++depth > _MAX_LAYOUT_DEPTH) {
      throw new Error('Too many nested layouts (more than ' +
          _MAX_LAYOUT_DEPTH + ')');
    }
    seen[current] = true;

    var fileOpts = utils.shallowCopy({}, opts);
    fileOpts.filename = current;
    delete fileOpts.layout;

    // Each file gets its own copy of the data, with `layout()` to pick the
    // next layout and the previous output as the body
    var locals = utils.shallowCopy({}, data);
    var next = depth == 1 ? chosen : false;
    locals.layout = function (name) {
      next = name;
      return '';
    };
    if (depth > 1) {
      locals[bodyName] = output;
    }

    var template = ejs.fileLoader(current).toString();
    output = ejs.render(template, locals, fileOpts);

    current = next ? resolveLayout(next, fileOpts) : null;
  }
  return output;
}

/**
 * Render an EJS file at the given `path` inside its layout, and callback
 * `cb(err, str)`. Without a callback, a promise is returned.
 *
 * @param {String}             filename  path to the EJS file
 * @param {Object}            [data={}]  template data
 * @param {Options}           [opts={}]  compilation and rendering options,
 *                                       plus `layout` (default layout name,
 *                                       or `false` for none) and
 *                                       `layoutBody` (name of the body local)
 * @param {RenderFileCallback} [cb]      callback
 * @public
 */

exports.renderFile = function (filename, data, opts, cb) {
  if (typeof data == 'function') {
    cb = data;
    data = {};
    opts = {};
  }
  else if (typeof opts == 'function') {
    cb = opts;
    opts = {};
  }
  data = data || {};
  opts = utils.shallowCopy({}, opts);

  if (!cb) {
    if (typeof ejs.promiseImpl != 'function') {
      throw new Error('Please provide a callback function');
    }
    return new ejs.promiseImpl(function (resolve, reject) {
      exports.renderFile(filename, data, opts, function (err, str) {
        return err ? reject(err) : resolve(str);
      });
    });
  }

  var result;
  try {
    result = renderWithLayouts(path.resolve(filename), data, opts);
  }
  catch (err) {
    return cb(err);
  }
  cb(null, result);
};
