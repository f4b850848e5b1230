import { Parser } from './Parser.js';
import { Slugger } from './Slugger.js';
import { defaults } from './defaults.js';
import {
  escape,
  unescape
} from './helpers.js';

/**
 * Table of contents
 * collects the headings of a token list, with the same ids
 * the Renderer gives them
 */
export class Toc {
  constructor(options) {
    this.options = options || defaults;
    // the parser is only used to render heading text, so give it its
    // own copy of the options: Parser sets options.renderer
    this.parser = new Parser({ ...this.options, renderer: null });
    this.slugger = new Slugger();
    this.entries = [];
  }

  /**
   * Static Build Method
   */
  static build(tokens, options) {
    const toc = new Toc(options);
    toc.collect(tokens);
    return toc;
  }

  /**
   * Walk tokens in document order, like the Parser does
   */
  collect(tokens) {
    const l = tokens.length;
    for (let i = 0; i < l; i++) {
      const token = tokens[i];
      switch (token.type) {
        case 'heading': {
          this.add(token);
          break;
        }
        case 'blockquote': {
          this.collect(token.tokens);
          break;
        }
        case 'list': {
          token.items.forEach((item) => {
            this.collect(item.tokens);
          });
          break;
        }
      }
    }
    return this;
  }

  /**
   * @param {object} token a heading token
   */
  add(token) {
    const raw = unescape(this.parser.parseInline(token.tokens, this.parser.textRenderer));
    const entry = {
      depth: token.depth,
      text: this.parser.parseInline(token.tokens),
      raw,
      id: this.options.headerPrefix + this.slugger.slug(raw)
    };
    this.entries.push(entry);
    return entry;
  }

  /**
   * Nest the entries by depth
   * @param {object} [options]
   * @param {number} [options.minDepth] shallowest heading to include
   * @param {number} [options.maxDepth] deepest heading to include
   */
  tree(options = {}) {
    const minDepth = options.minDepth || 1,
      maxDepth = options.maxDepth || 6;

    const root = { depth: minDepth - 1, children: [] };
    const stack = [root];

    this.entries.forEach((entry) => {
      if (entry.depth < minDepth || entry.depth > maxDepth) {
        return;
      }
      while (stack.length > 1 && stack[stack.length - 1].depth >= entry.depth) {
        stack.pop();
      }
      const node = { ...entry, children: [] };
      stack[stack.length - 1].children.push(node);
      stack.push(node);
    });

    return root.children;
  }

  /**
   * Render the table of contents as nested lists
   * @param {object} [options]
   * @param {boolean} [options.ordered] use <ol> instead of <ul>
   * @param {number} [options.minDepth]
   * @param {number} [options.maxDepth]
   */
  render(options = {}) {
    const nodes = this.tree(options);
    if (!nodes.length) {
      return '';
    }
    return this.renderList(nodes, options.ordered);
  }

  renderList(nodes, ordered) {
    const type = ordered ? 'ol' : 'ul';
    let out = '<' + type + '>\n';
    nodes.forEach((node) => {
      out += '<li><a href="#' + escape(node.id) + '">' + node.text + '</a>';
      if (node.children.length) {
        out += '\n' + this.renderList(node.children, ordered);
      }
      out += '</li>\n';
    });
    return out + '</' + type + '>\n';
  }
}
