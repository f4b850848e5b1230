// Package jsonpatch applies RFC 6902 JSON Patch documents to JSON values.
package jsonpatch

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

var (
	ErrPathNotFound = errors.New("jsonpatch: path not found")
	ErrTestFailed   = errors.New("jsonpatch: test operation failed")
	ErrInvalidPath  = errors.New("jsonpatch: invalid pointer")
)

// Operation is one entry of a patch document.
type Operation struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	From  string          `json:"from,omitempty"`
	Value json.RawMessage `json:"value,omitempty"`
}

// Patch is an ordered list of operations.
type Patch []Operation

// Decode parses a JSON patch document.
func Decode(data []byte) (Patch, error) {
	var p Patch
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("jsonpatch: decode: %w", err)
	}
	return p, nil
}

// Apply applies the patch to doc and returns the patched document. The input
// is not modified; if any operation fails, no partial result is returned.
func (p Patch) Apply(doc []byte) ([]byte, error) {
	var root any
	if err := json.Unmarshal(doc, &root); err != nil {
		return nil, fmt.Errorf("jsonpatch: document: %w", err)
	}
	for i, op := range p {
		var err error
		root, err = applyOp(root, op)
		if err != nil {
			return nil, fmt.Errorf("operation %d (%s %s): %w", i, op.Op, op.Path, err)
		}
	}
	return json.Marshal(root)
}

func applyOp(root any, op Operation) (any, error) {
	path, err := ParsePointer(op.Path)
	if err != nil {
		return nil, err
	}
	value := func() (any, error) {
		if op.Value == nil {
			return nil, errors.New("missing value")
		}
		var v any
		err := json.Unmarshal(op.Value, &v)
		return v, err
	}
	switch op.Op {
	case "add":
		v, err := value()
		if err != nil {
			return nil, err
		}
		return add(root, path, v)
	case "remove":
		root, _, err := remove(root, path)
		return root, err
	case "replace":
		v, err := value()
		if err != nil {
			return nil, err
		}
		root, _, err = remove(root, path)
		if err != nil {
			return nil, err
		}
		return add(root, path, v)
	case "move", "copy":
		from, err := ParsePointer(op.From)
		if err != nil {
			return nil, err
		}
		if op.Op == "move" && isPrefix(from, path) && len(from) < len(path) {
			return nil, errors.New("cannot move a value into one of its children")
		}
		var v any
		if op.Op == "move" {
			root, v, err = remove(root, from)
		} else {
			v, err = get(root, from)
			v = deepCopy(v)
		}
		if err != nil {
			return nil, err
		}
		return add(root, path, v)
	case "test":
		want, err := value()
		if err != nil {
			return nil, err
		}
		got, err := get(root, path)
		if err != nil {
			return nil, err
		}
		if !reflect.DeepEqual(got, want) {
			return nil, ErrTestFailed
		}
		return root, nil
	}
	return nil, fmt.Errorf("unknown op %q", op.Op)
}

func get(node any, path []string) (any, error) {
	for _, tok := range path {
		switch n := node.(type) {
		case map[string]any:
			v, ok := n[tok]
			if !ok {
				return nil, ErrPathNotFound
			}
			node = v
		case []any:
			i, err := index(tok, len(n)-1)
			if err != nil {
				return nil, err
			}
			node = n[i]
		default:
			return nil, ErrPathNotFound
		}
	}
	return node, nil
}

func add(root any, path []string, v any) (any, error) {
	if len(path) == 0 {
		return v, nil
	}
	parent, err := get(root, path[:len(path)-1])
	if err != nil {
		return nil, err
	}
	last := path[len(path)-1]
	switch n := parent.(type) {
	case map[string]any:
		n[last] = v
		return root, nil
	case []any:
		i := len(n)
		if last != "-" {
			if i, err = index(last, len(n)); err != nil {
				return nil, err
			}
		}
		n = append(n, nil)
		copy(n[i+1:], n[i:])
		n[i] = v
		return set(root, path[:len(path)-1], n)
	}
	return nil, ErrPathNotFound
}

func remove(root any, path []string) (any, any, error) {
	if len(path) == 0 {
		return nil, root, nil
	}
	parent, err := get(root, path[:len(path)-1])
	if err != nil {
		return nil, nil, err
	}
	last := path[len(path)-1]
	switch n := parent.(type) {
	case map[string]any:
		v, ok := n[last]
		if !ok {
			return nil, nil, ErrPathNotFound
		}
		delete(n, last)
		return root, v, nil
	case []any:
		i, err := index(last, len(n)-1)
		if err != nil {
			return nil, nil, err
		}
		v := n[i]
		n = append(n[:i:i], n[i+1:]...)
		root, err = set(root, path[:len(path)-1], n)
		return root, v, err
	}
	return nil, nil, ErrPathNotFound
}

// set replaces the value at an existing path. Slices that grow or shrink
// must be stored back into their parent, which is what this is used for.
func set(root any, path []string, v any) (any, error) {
	if len(path) == 0 {
		return v, nil
	}
	parent, err := get(root, path[:len(path)-1])
	if err != nil {
		return nil, err
	}
	last := path[len(path)-1]
	switch n := parent.(type) {
	case map[string]any:
		n[last] = v
	case []any:
		i, err := index(last, len(n)-1)
		if err != nil {
			return nil, err
		}
		n[i] = v
	default:
		return nil, ErrPathNotFound
	}
	return root, nil
}

func deepCopy(v any) any {
	switch n := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(n))
		for k, x := range n {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		s := make([]any, len(n))
		for i, x := range n {
			s[i] = deepCopy(x)
		}
		return s
	}
	return v
}
