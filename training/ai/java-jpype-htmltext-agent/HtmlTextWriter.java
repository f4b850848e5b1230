/* ****************************************************************************
  Licensed under the Apache License, Version 2.0 (the "License");
  you may not use this file except in compliance with the License.
  You may obtain a copy of the License at

       http://www.apache.org/licenses/LICENSE-2.0

  Unless required by applicable law or agreed to in writing, software
  distributed under the License is distributed on an "AS IS" BASIS,
  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
  See the License for the specific language governing permissions and
  limitations under the License.
  
  See NOTICE file for details.
**************************************************************************** */
package org.jpype.html;

import java.util.Arrays;
import java.util.HashSet;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Render a html node as plain text.
 *
 * This is used for docstrings when the javadoc does not have the structure
 * the JavadocExtractor expects. Block elements start new paragraphs, lists
 * get bullets, pre keeps its spacing and everything else is filled to the
 * width.
 *
 * @author nelson85
 */
public class HtmlTextWriter
{

  public final static HashSet<String> BLOCK_ELEMENTS = new HashSet<>();

  static
  {
    BLOCK_ELEMENTS.addAll(Arrays.asList(
            "address", "blockquote", "body", "center", "dd", "div", "dl", "dt",
            "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
            "header", "hr", "html", "li", "main", "ol", "p", "pre", "section",
            "table", "tr", "ul"));
  }

  int width;
  StringBuilder assembly = new StringBuilder();
  StringBuilder line = new StringBuilder();
  String indent = "";
  String firstIndent = null;
  boolean pendingSpace = false;
  int blankLines = 0;

  public HtmlTextWriter(int width)
  {
    this.width = width;
  }

  public static String asString(Node node, int width)
  {
    HtmlTextWriter tw = new HtmlTextWriter(width);
    tw.write(node);
    return tw.finish();
  }

  public void write(Node n)
  {
    switch (n.getNodeType())
    {
      case Node.DOCUMENT_NODE:
      case Node.DOCUMENT_FRAGMENT_NODE:
        writeChildren(n);
        break;
      case Node.ELEMENT_NODE:
        writeElement((Element) n);
        break;
      case Node.TEXT_NODE:
        writeWords(decode(n.getTextContent()));
        break;
      case Node.CDATA_SECTION_NODE:
        writeWords(n.getTextContent());
        break;
      default:
        // Comments and directives have no text
        break;
    }
  }

  public void writeChildren(Node n)
  {
    NodeList children = n.getChildNodes();
    for (int i = 0; i < children.getLength(); ++i)
    {
      write(children.item(i));
    }
  }

  void writeElement(Element e)
  {
    String name = e.getTagName().toLowerCase();
    switch (name)
    {
      case "br":
        flushLine();
        return;
      case "pre":
        paragraph();
        writePre(e.getTextContent());
        paragraph();
        return;
      case "ul":
      case "ol":
        paragraph();
        writeList(e, name.equals("ol"));
        paragraph();
        return;
      case "dd":
      {
        flushLine();
        String old = indent;
        indent = indent + "    ";
        writeChildren(e);
        flushLine();
        indent = old;
        return;
      }
      case "script":
      case "style":
        return;
      default:
        break;
    }

    if (!BLOCK_ELEMENTS.contains(name))
    {
      writeChildren(e);
      return;
    }
    paragraph();
    writeChildren(e);
    if (name.equals("dt"))
      flushLine();
    else
      paragraph();
  }

  void writeList(Element e, boolean ordered)
  {
    String old = indent;
    int count = 0;
    Node child = e.getFirstChild();
    for (; child != null; child = child.getNextSibling())
    {
      if (child.getNodeType() != Node.ELEMENT_NODE
              || !child.getNodeName().equalsIgnoreCase("li"))
        continue;
      count++;
      String bullet = ordered ? count + ". " : "- ";
      flushLine();
      firstIndent = old + bullet;
      indent = old + spaces(bullet.length());
      writeChildren(child);
      flushLine();
      firstIndent = null;
    }
    indent = old;
  }

  void writePre(String text)
  {
    String[] lines = text.split("\n", -1);
    int start = 0;
    int end = lines.length;
    // Drop the blank lines that surround most pre blocks
    while (start < end && lines[start].trim().isEmpty())
      start++;
    while (end > start && lines[end - 1].trim().isEmpty())
      end--;
    for (int i = start; i < end; ++i)
    {
      assembly.append(indent).append(stripTrailing(lines[i])).append('\n');
    }
    blankLines = 0;
  }

  void writeWords(String text)
  {
    if (text.isEmpty())
      return;
    if (Character.isWhitespace(text.charAt(0)))
      pendingSpace = true;
    for (String word : text.trim().split("\\s+"))
    {
      if (word.isEmpty())
        continue;
      String prefix = currentIndent();
      int needed = line.length() + (pendingSpace && line.length() > 0 ? 1 : 0) + word.length();
      if (line.length() > 0 && prefix.length() + needed > width)
        flushLine();
      if (line.length() > 0 && pendingSpace)
        line.append(' ');
      line.append(word);
      pendingSpace = true;
    }
    pendingSpace = Character.isWhitespace(text.charAt(text.length() - 1));
  }

  String currentIndent()
  {
    return firstIndent != null ? firstIndent : indent;
  }

  void flushLine()
  {
    if (line.length() == 0)
      return;
    assembly.append(currentIndent()).append(line).append('\n');
    line.setLength(0);
    firstIndent = null;
    pendingSpace = false;
    blankLines = 0;
  }

  void paragraph()
  {
    flushLine();
    if (assembly.length() > 0 && blankLines == 0)
    {
      assembly.append('\n');
      blankLines = 1;
    }
  }

  public String finish()
  {
    flushLine();
    int end = assembly.length();
    while (end > 0 && assembly.charAt(end - 1) == '\n')
      end--;
    return assembly.substring(0, end);
  }

  static String decode(String s)
  {
    try
    {
      return Html.decode(s);
    } catch (RuntimeException ex)
    {
      // Html.decode refuses unknown entities, so keep the text as written
      return s;
    }
  }

  static String spaces(int n)
  {
    char[] c = new char[n];
    Arrays.fill(c, ' ');
    return new String(c);
  }

  static String stripTrailing(String s)
  {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1)))
      end--;
    return s.substring(0, end);
  }
}
