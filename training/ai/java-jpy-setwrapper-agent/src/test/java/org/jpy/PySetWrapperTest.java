/*
 * Copyright 2015 Brockmann Consult GmbH
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 *
 * This file was modified by Deephaven Data Labs.
 *
 */

package org.jpy;

import org.junit.*;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import static org.junit.Assert.*;

public class PySetWrapperTest {

    @Before
    public void setUp() throws Exception {
        PyLib.startPython();
        assertEquals(true, PyLib.isPythonRunning());
    }

    @After
    public void tearDown() throws Exception {
        PyLib.stopPython();
    }

    private static PyObject eval(String expr) {
        return PyObject.executeCode(expr, PyInputMode.EXPRESSION);
    }

    @Test
    public void testIsSet() throws Exception {
        assertTrue(eval("{1, 2}").isSet());
        assertTrue(eval("frozenset()").isSet());
        assertFalse(eval("[1, 2]").isSet());
        assertFalse(eval("{'a': 1}").isSet());
    }

    @Test(expected = ClassCastException.class)
    public void testAsSetOfList() throws Exception {
        eval("[1, 2]").asSet();
    }

    @Test
    public void testSize() throws Exception {
        assertEquals(0, eval("set()").asSet().size());
        assertTrue(eval("set()").asSet().isEmpty());
        assertEquals(3, eval("{1, 2, 3}").asSet().size());
    }

    @Test
    public void testContains() throws Exception {
        PySetWrapper set = eval("{1, 'two', 3.0}").asSet();
        assertTrue(set.contains(1));
        assertTrue(set.contains("two"));
        assertTrue(set.contains(3.0));
        assertTrue(set.contains(eval("1")));
        assertFalse(set.contains(2));
        assertFalse(set.contains("one"));
    }

    @Test
    public void testContainsUnhashable() throws Exception {
        PySetWrapper set = eval("{1}").asSet();
        assertFalse(set.contains(eval("[1]")));
    }

    @Test
    public void testIterator() throws Exception {
        PySetWrapper set = eval("{10, 20, 30}").asSet();
        Set<Integer> values = new HashSet<>();
        for (PyObject item : set) {
            values.add(item.getIntValue());
        }
        assertEquals(new HashSet<>(java.util.Arrays.asList(10, 20, 30)), values);
    }

    @Test
    public void testIteratorRemove() throws Exception {
        PyObject pySet = eval("{1, 2, 3, 4}");
        PySetWrapper set = pySet.asSet();
        Iterator<PyObject> it = set.iterator();
        while (it.hasNext()) {
            if (it.next().getIntValue() % 2 == 0) {
                it.remove();
            }
        }
        assertEquals(2, set.size());
        assertTrue(set.contains(1));
        assertTrue(set.contains(3));
        assertEquals("{1, 3}", pySet.str());
    }

    @Test(expected = IllegalStateException.class)
    public void testIteratorRemoveTwice() throws Exception {
        Iterator<PyObject> it = eval("{1, 2}").asSet().iterator();
        it.next();
        it.remove();
        it.remove();
    }

    @Test
    public void testAddAndRemove() throws Exception {
        PyObject pySet = eval("set()");
        PySetWrapper set = pySet.asSet();

        assertTrue(set.add(eval("'a'")));
        assertFalse(set.add(eval("'a'")));
        assertTrue(set.add(eval("'b'")));
        assertEquals(2, set.size());

        assertTrue(set.remove("a"));
        assertFalse(set.remove("a"));
        assertFalse(set.remove(eval("[]")));
        assertEquals("{'b'}", pySet.str());

        set.clear();
        assertTrue(set.isEmpty());
        assertEquals("set()", pySet.str());
    }

    @Test
    public void testFrozenSet() throws Exception {
        PySetWrapper set = eval("frozenset([1, 2])").asSet();
        assertTrue(set.isFrozen());
        assertTrue(set.contains(2));
        try {
            set.add(eval("3"));
            fail();
        } catch (UnsupportedOperationException e) {
            // ok
        }
        try {
            set.clear();
            fail();
        } catch (UnsupportedOperationException e) {
            // ok
        }
        assertEquals(2, set.size());
        assertFalse(eval("{1}").asSet().isFrozen());
    }

    @Test
    public void testSetOperations() throws Exception {
        PySetWrapper a = eval("{1, 2, 3}").asSet();
        PySetWrapper b = eval("{2, 3, 4}").asSet();

        assertEquals("{1, 2, 3, 4}", a.union(b).unwrap().str());
        assertEquals("{2, 3}", a.intersection(b).unwrap().str());
        assertEquals("{1}", a.difference(b).unwrap().str());
        assertEquals(3, a.size());
    }

    @Test
    public void testCopy() throws Exception {
        PySetWrapper set = eval("{1}").asSet();
        PySetWrapper copy = set.copy();
        copy.add(eval("2"));
        assertEquals(1, set.size());
        assertEquals(2, copy.size());
    }

    @Test
    public void testEquals() throws Exception {
        PySetWrapper set = eval("{1, 2}").asSet();
        Set<PyObject> javaSet = new HashSet<>();
        javaSet.add(eval("1"));
        javaSet.add(eval("2"));
        assertEquals(javaSet, set);
        assertEquals(set, javaSet);
        assertEquals(javaSet.hashCode(), set.hashCode());
    }
}
