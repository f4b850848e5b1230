#!/usr/bin/env node
// build.js - glue the theme together. no webpack, on purpose.
//   node build.js            -> dist/
//   node build.js --min      -> also minify css (crudely)

var fs = require('fs')
var path = require('path')
var crypto = require('crypto')

var SRC = path.join(__dirname, 'src')
var OUT = path.join(__dirname, 'dist')
var args = process.argv.slice(2)
var MIN = args.indexOf('--min') >= 0

// order matters for css
var CSS = ['reset.css', 'vars.css', 'layout.css', 'type.css', 'components.css']
var JS = ['util.js', 'nav.js', 'gallery.js', 'main.js']

function read(f) {
  return fs.readFileSync(path.join(SRC, f), 'utf8')
}

function minCss(s) {
  return s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim()
}

function hash(s) {
  return crypto.createHash('md5').update(s).digest('hex').slice(0, 8)
}

function clean() {
  if (!fs.existsSync(OUT)) { fs.mkdirSync(OUT); return }
  fs.readdirSync(OUT).forEach(function (f) {
    if (/\.(css|js|html)$/.test(f)) fs.unlinkSync(path.join(OUT, f))
  })
}

function build() {
  var t0 = Date.now()
  clean()
  var css = CSS.map(function (f) { return '/* ' + f + ' */\n' + read(f) }).join('\n')
  if (MIN) css = minCss(css)
  // js files are wrapped so their vars dont leak
  var js = JS.map(function (f) { return ';(function(){\n' + read(f) + '\n})();' }).join('\n')

  var cssName = 'site.' + hash(css) + '.css'
  var jsName = 'site.' + hash(js) + '.js'
  fs.writeFileSync(path.join(OUT, cssName), css)
  fs.writeFileSync(path.join(OUT, jsName), js)

  var html = read('index.html')
    .replace('{{css}}', cssName)
    .replace('{{js}}', jsName)
    .replace('{{built}}', new Date().toISOString())
  fs.writeFileSync(path.join(OUT, 'index.html'), html)

  // copy images over, only if changed (size check is good enough)
  var img = path.join(SRC, 'img')
  if (fs.existsSync(img)) {
    var dst = path.join(OUT, 'img')
    if (!fs.existsSync(dst)) fs.mkdirSync(dst)
    fs.readdirSync(img).forEach(function (f) {
      var a = path.join(img, f), b = path.join(dst, f)
      if (fs.existsSync(b) && fs.statSync(a).size === fs.statSync(b).size) return
      fs.copyFileSync(a, b)
    })
  }
  console.log('built ' + cssName + ' ' + jsName + ' in ' + (Date.now() - t0) + 'ms')
}

build()
