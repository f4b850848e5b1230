# *****************************************************************************
#
#   Licensed under the Apache License, Version 2.0 (the "License");
#   you may not use this file except in compliance with the License.
#   You may obtain a copy of the License at
#
#       http://www.apache.org/licenses/LICENSE-2.0
#
#   Unless required by applicable law or agreed to in writing, software
#   distributed under the License is distributed on an "AS IS" BASIS,
#   WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
#   See the License for the specific language governing permissions and
#   limitations under the License.
#
#   See NOTICE file for details.
#
# *****************************************************************************
import jpype
from jpype.types import *
import common


class HtmlTextTestCase(common.JPypeTestCase):

    def setUp(self):
        common.JPypeTestCase.setUp(self)
        self.Html = JClass("org.jpype.html.Html")
        self.HtmlTextWriter = JClass("org.jpype.html.HtmlTextWriter")

    def render(self, html, width=40):
        # The parser wants a single root element
        doc = self.Html.newParser().parse("<div>%s</div>" % html)
        return str(self.HtmlTextWriter.asString(doc, width))

    def testParagraphs(self):
        text = self.render("<p>First   paragraph.</p><p>Second\nparagraph.</p>")
        self.assertEqual(text, "First paragraph.\n\nSecond paragraph.")

    def testInline(self):
        text = self.render("<p>Use <code>foo()</code> or <b>bar</b>.</p>")
        self.assertEqual(text, "Use foo() or bar.")

    def testWrap(self):
        text = self.render("<p>one two three four five six seven</p>", 14)
        self.assertEqual(text, "one two three\nfour five six\nseven")

    def testLongWord(self):
        text = self.render("<p>a verylongwordthatdoesnotfit b</p>", 10)
        self.assertEqual(text, "a\nverylongwordthatdoesnotfit\nb")

    def testBreak(self):
        text = self.render("<p>line one<br>line two</p>")
        self.assertEqual(text, "line one\nline two")

    def testUnorderedList(self):
        text = self.render("<p>Options:</p><ul><li>alpha</li><li>beta gamma delta</li></ul>", 14)
        self.assertEqual(text, "Options:\n\n- alpha\n- beta gamma\n  delta")

    def testOrderedList(self):
        text = self.render("<ol><li>first</li><li>second</li></ol>")
        self.assertEqual(text, "1. first\n2. second")

    def testNestedList(self):
        text = self.render("<ul><li>outer<ul><li>inner</li></ul></li><li>next</li></ul>")
        self.assertEqual(text, "- outer\n\n  - inner\n\n- next")

    def testPre(self):
        text = self.render("<p>Example:</p><pre>\n  int x = 1;\n  x++;\n</pre><p>Done.</p>")
        self.assertEqual(text, "Example:\n\n  int x = 1;\n  x++;\n\nDone.")

    def testDefinitionList(self):
        text = self.render("<dl><dt>name</dt><dd>the name of the thing</dd></dl>", 24)
        self.assertEqual(text, "name\n    the name of the\n    thing")

    def testIgnoresCommentsAndScripts(self):
        text = self.render("<p>shown<!-- hidden --></p><script>var x;</script>")
        self.assertEqual(text, "shown")

    def testEntities(self):
        text = self.render("<p>a &lt; b &amp; c</p>")
        self.assertEqual(text, "a < b & c")

    def testBadEntity(self):
        text = self.render("<p>x &bogus; y</p>")
        self.assertEqual(text, "x &bogus; y")

    def testEmpty(self):
        self.assertEqual(self.render(""), "")
        self.assertEqual(self.render("<p> </p>"), "")

    def testJavadoc(self):
        JC = JClass("jpype.doc.Test")
        JavadocExtractor = JClass("org.jpype.javadoc.JavadocExtractor")
        doc = JavadocExtractor.getDocumentation(JC.class_)
        if doc is None or doc.descriptionNode is None:
            raise common.unittest.SkipTest("javadoc not available")
        text = str(self.HtmlTextWriter.asString(doc.descriptionNode, 80))
        self.assertRegex(text, "random stuff")
