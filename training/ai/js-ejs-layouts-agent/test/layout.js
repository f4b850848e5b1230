/* jshint mocha: true */
/* eslint-env node, mocha */

/**
 * Module dependencies.
 */

var assert = require('assert');
var fs = require('fs');
var os = require('os');
var path = require('path');
var layout = require('../lib/layout');

var tmpDir;

/**
 * Write a template into the temporary fixtures directory.
 */
function fixture(name, str) {
  var p = path.join(tmpDir, name);
  fs.mkdirSync(path.dirname(p), {recursive: true});
  fs.writeFileSync(p, str);
  return p;
}

/**
 * Render `p` and check the output, for the tests that expect success.
 */
function expectRender(p, data, opts, expected, done) {
  layout.renderFile(p, data, opts, function (err, html) {
    if (err) {
      return done(err);
    }
    assert.equal(html, expected);
    done();
  });
}

suite('layout.renderFile(path, data, opts, fn)', function () {
  setup(function () {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejs-layout-'));
    fixture('layouts/main.ejs', '<main><%- body %></main>');
    fixture('layouts/html.ejs', '<html><%- body %></html>');
    fixture('layouts/nested.ejs', '<% layout("html") -%><div><%- body %></div>');
    fixture('page.ejs', '<p><%= name %></p>');
  });

  teardown(function () {
    fs.rmSync(tmpDir, {recursive: true, force: true});
  });

  test('render without layout', function (done) {
    expectRender(path.join(tmpDir, 'page.ejs'), {name: 'tj'}, {}, '<p>tj</p>', done);
  });

  test('render with default layout from options', function (done) {
    var opts = {layout: 'layouts/main'};
    expectRender(path.join(tmpDir, 'page.ejs'), {name: 'tj'}, opts, '<main><p>tj</p></main>', done);
  });

  test('view picks its layout', function (done) {
    var p = fixture('picks.ejs', '<% layout("layouts/html") -%>hi');
    expectRender(p, {}, {layout: 'layouts/main'}, '<html>hi</html>', done);
  });

  test('view disables layout', function (done) {
    var p = fixture('bare.ejs', '<% layout(false) -%>bare');
    expectRender(p, {}, {layout: 'layouts/main'}, 'bare', done);
  });

  test('nested layouts', function (done) {
    var p = fixture('deep.ejs', '<% layout("layouts/nested") -%>x');
    expectRender(p, {}, {}, '<html><div>x</div></html>', done);
  });

  test('layout from views directory', function (done) {
    var views = path.join(tmpDir, 'layouts');
    expectRender(path.join(tmpDir, 'page.ejs'), {name: 'tj'},
      {views: [views], layout: 'html'}, '<html><p>tj</p></html>', done);
  });

  test('custom body name', function (done) {
    fixture('layouts/content.ejs', '[<%- content %>]');
    expectRender(path.join(tmpDir, 'page.ejs'), {name: 'tj'},
      {layout: 'layouts/content', layoutBody: 'content'}, '[<p>tj</p>]', done);
  });

  test('missing layout', function (done) {
    layout.renderFile(path.join(tmpDir, 'page.ejs'), {name: 'tj'},
      {layout: 'nope'}, function (err) {
        assert.ok(err);
        assert.equal(err.message, 'Could not find the layout file "nope"');
        done();
      });
  });

  test('layout loop', function (done) {
    fixture('layouts/a.ejs', '<% layout("b") %><%- body %>');
    fixture('layouts/b.ejs', '<% layout("a") %><%- body %>');
    layout.renderFile(path.join(tmpDir, 'page.ejs'), {name: 'tj'},
      {layout: 'layouts/a'}, function (err) {
        assert.ok(err);
        assert.ok(/^Layout loop detected at /.test(err.message));
        done();
      });
  });

  test('promise', function () {
    return layout.renderFile(path.join(tmpDir, 'page.ejs'), {name: 'tj'}, {layout: 'layouts/main'})
      .then(function (html) {
        assert.equal(html, '<main><p>tj</p></main>');
      });
  });

  test('does not leak layout() into data', function (done) {
    var data = {name: 'tj'};
    layout.renderFile(path.join(tmpDir, 'page.ejs'), data, {layout: 'layouts/main'}, function (err) {
      if (err) {
        return done(err);
      }
      assert.equal(data.layout, undefined);
      assert.equal(data.body, undefined);
      done();
    });
  });
});
