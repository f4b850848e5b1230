// Package ring provides a fixed-capacity FIFO buffer that can either reject
// or overwrite when full.
package ring

import "errors"

var (
	ErrFull  = errors.New("ring: buffer full")
	ErrEmpty = errors.New("ring: buffer empty")
)

type Buffer[T any] struct {
	data      []T
	head, n   int
	overwrite bool
}

func New[T any](capacity int, overwrite bool) *Buffer[T] {
	if capacity <= 0 {
		panic("ring: capacity must be positive")
	}
	return &Buffer[T]{data: make([]T, capacity), overwrite: overwrite}
}

func (b *Buffer[T]) Len() int   { return b.n }
func (b *Buffer[T]) Cap() int   { return len(b.data) }
func (b *Buffer[T]) Full() bool { return b.n == len(b.data) }

// Push appends v. When the buffer is full it returns ErrFull, or, in
// overwrite mode, drops the oldest element and reports it.
func (b *Buffer[T]) Push(v T) (dropped T, didDrop bool, err error) {
	if b.Full() {
		if !b.overwrite {
			return dropped, false, ErrFull
		}
		dropped = b.data[b.head]
		b.data[b.head] = v
		b.head = (b.head + 1) % len(b.data)
		return dropped, true, nil
	}
	b.data[(b.head+b.n)%len(b.data)] = v
	b.n++
	return dropped, false, nil
}

func (b *Buffer[T]) Pop() (T, error) {
	var zero T
	if b.n == 0 {
		return zero, ErrEmpty
	}
	v := b.data[b.head]
	b.data[b.head] = zero // release references for GC
	b.head = (b.head + 1) % len(b.data)
	b.n--
	return v, nil
}

func (b *Buffer[T]) Peek() (T, error) {
	if b.n == 0 {
		var zero T
		return zero, ErrEmpty
	}
	return b.data[b.head], nil
}

// At returns the i-th oldest element; negative i counts from the newest.
func (b *Buffer[T]) At(i int) (T, bool) {
	if i < 0 {
		i += b.n
	}
	if i < 0 || i >= b.n {
		var zero T
		return zero, false
	}
	return b.data[(b.head+i)%len(b.data)], true
}

func (b *Buffer[T]) Slice() []T {
	out := make([]T, b.n)
	for i := range out {
		out[i] = b.data[(b.head+i)%len(b.data)]
	}
	return out
}

func (b *Buffer[T]) Reset() {
	var zero T
	for i := range b.data {
		b.data[i] = zero
	}
	b.head, b.n = 0, 0
}
