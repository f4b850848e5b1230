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

import java.util.*;

/**
 * A simple wrapper around a Python set or frozenset object that implements a java Set of PyObjects.
 * Mutating methods throw UnsupportedOperationException when the wrapped object is a frozenset.
 */
public class PySetWrapper extends AbstractSet<PyObject> implements AutoCloseable {
    private final PyObject pyObject;

    PySetWrapper(PyObject pyObject) {
        this.pyObject = pyObject;
    }

    @Override
    public void close() {
        pyObject.close();
    }

    public PyObject unwrap() {
        return pyObject;
    }

    public boolean isFrozen() {
        return isInstance(pyObject, "frozenset");
    }

    static boolean check(PyObject pyObject) {
        return isInstance(pyObject, "set") || isInstance(pyObject, "frozenset");
    }

    private static boolean isInstance(PyObject pyObject, String typeName) {
        try (final PyModule builtins = PyModule.getBuiltins();
             final PyObject type = builtins.getAttribute(typeName);
             final PyObject result = builtins.call("isinstance", pyObject, type)) {
            return result.getBooleanValue();
        }
    }

    private void checkMutable() {
        if (isFrozen()) {
            throw new UnsupportedOperationException("frozenset is immutable");
        }
    }

    @Override
    public int size() {
        try (final PyObject len = pyObject.callMethod("__len__")) {
            return len.getIntValue();
        }
    }

    @Override
    public boolean contains(Object o) {
        try (final PyObject result = pyObject.callMethod("__contains__", o)) {
            return result.getBooleanValue();
        } catch (RuntimeException e) {
            // unhashable values can't be members
            return false;
        }
    }

    @Override
    public Iterator<PyObject> iterator() {
        // iterate over a snapshot; python raises if the set changes size during iteration
        final List<PyObject> items = new ArrayList<>(size());
        try (final PyObject iter = pyObject.callMethod("__iter__")) {
            while (true) {
                try {
                    items.add(iter.callMethod("__next__"));
                } catch (StopIteration e) {
                    break;
                }
            }
        }
        final Iterator<PyObject> it = items.iterator();
        return new Iterator<PyObject>() {
            PyObject last;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public PyObject next() {
                last = it.next();
                return last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException();
                }
                PySetWrapper.this.remove(last);
                last = null;
            }
        };
    }

    @Override
    public boolean add(PyObject o) {
        checkMutable();
        final int before = size();
        //noinspection EmptyTryBlock
        try (final PyObject obj = pyObject.callMethod("add", o)) {

        }
        return size() != before;
    }

    @Override
    public boolean remove(Object o) {
        checkMutable();
        if (!contains(o)) {
            return false;
        }
        //noinspection EmptyTryBlock
        try (final PyObject obj = pyObject.callMethod("discard", o)) {

        }
        return true;
    }

    @Override
    public void clear() {
        checkMutable();
        //noinspection EmptyTryBlock
        try (final PyObject obj = pyObject.callMethod("clear")) {

        }
    }

    /**
     * Returns a new python set (not a view) with the elements of both sets.
     */
    public PySetWrapper union(PySetWrapper other) {
        return new PySetWrapper(pyObject.callMethod("union", other.pyObject));
    }

    /**
     * Returns a new python set (not a view) with the elements common to both sets.
     */
    public PySetWrapper intersection(PySetWrapper other) {
        return new PySetWrapper(pyObject.callMethod("intersection", other.pyObject));
    }

    /**
     * Returns a new python set (not a view) with the elements of this set that are not in the other.
     */
    public PySetWrapper difference(PySetWrapper other) {
        return new PySetWrapper(pyObject.callMethod("difference", other.pyObject));
    }

    public PySetWrapper copy() {
        return new PySetWrapper(pyObject.callMethod("copy"));
    }
}
