import { marked } from '../../src/marked.js';
import { Toc } from '../../src/Toc.js';

function build(md, options) {
  const opts = { ...marked.getDefaults(), ...options };
  return Toc.build(marked.lexer(md, opts), opts);
}

describe('Test table of contents', () => {
  it('should collect headings in order', () => {
    const toc = build('# One\n\ntext\n\n## Two\n\n### Three\n');
    expect(toc.entries).toEqual([
      { depth: 1, text: 'One', raw: 'One', id: 'one' },
      { depth: 2, text: 'Two', raw: 'Two', id: 'two' },
      { depth: 3, text: 'Three', raw: 'Three', id: 'three' }
    ]);
  });

  it('should give the same ids as the renderer', () => {
    const md = '# Intro\n\n## Usage\n\n## Usage\n\n> ## Quoted *heading*\n\n- item\n\n  ## Nested & escaped\n';
    const html = marked.parse(md);
    const ids = [...html.matchAll(/<h\d id="([^"]*)"/g)].map(m => m[1]);
    expect(build(md).entries.map(e => e.id)).toEqual(ids);
    expect(ids).toEqual(['intro', 'usage', 'usage-1', 'quoted-heading', 'nested--escaped']);
  });

  it('should use headerPrefix', () => {
    const toc = build('# Hello', { headerPrefix: 'doc-' });
    expect(toc.entries[0].id).toBe('doc-hello');
  });

  it('should keep inline html in text and strip it from raw', () => {
    const toc = build('## The `marked` **API**');
    expect(toc.entries[0].text).toBe('The <code>marked</code> <strong>API</strong>');
    expect(toc.entries[0].raw).toBe('The marked API');
    expect(toc.entries[0].id).toBe('the-marked-api');
  });

  it('should not collect headings inside code', () => {
    const toc = build('# Real\n\n```\n# not a heading\n```\n');
    expect(toc.entries.length).toBe(1);
  });

  describe('tree', () => {
    it('should nest by depth', () => {
      const tree = build('# A\n## B\n### C\n## D\n# E\n').tree();
      expect(tree.map(n => n.raw)).toEqual(['A', 'E']);
      expect(tree[0].children.map(n => n.raw)).toEqual(['B', 'D']);
      expect(tree[0].children[0].children.map(n => n.raw)).toEqual(['C']);
      expect(tree[1].children).toEqual([]);
    });

    it('should handle skipped levels', () => {
      const tree = build('# A\n### B\n## C\n').tree();
      expect(tree[0].children.map(n => n.raw)).toEqual(['B', 'C']);
    });

    it('should filter by minDepth and maxDepth', () => {
      const tree = build('# Title\n## A\n### A1\n#### deep\n## B\n').tree({ minDepth: 2, maxDepth: 3 });
      expect(tree.map(n => n.raw)).toEqual(['A', 'B']);
      expect(tree[0].children.map(n => n.raw)).toEqual(['A1']);
      expect(tree[0].children[0].children).toEqual([]);
    });
  });

  describe('render', () => {
    it('should render nested lists', () => {
      const html = build('# A\n## B\n# C\n').render();
      expect(html).toBe('<ul>\n'
        + '<li><a href="#a">A</a>\n'
        + '<ul>\n<li><a href="#b">B</a></li>\n</ul>\n'
        + '</li>\n'
        + '<li><a href="#c">C</a></li>\n'
        + '</ul>\n');
    });

    it('should render ordered lists', () => {
      const html = build('# A\n').render({ ordered: true });
      expect(html).toBe('<ol>\n<li><a href="#a">A</a></li>\n</ol>\n');
    });

    it('should render nothing without headings', () => {
      expect(build('just text').render()).toBe('');
    });

    it('should escape ids in hrefs', () => {
      const html = build('# x', { headerPrefix: '"><script>' }).render();
      expect(html).toContain('href="#&quot;&gt;&lt;script&gt;x"');
    });
  });
});
