package ring

import (
	"errors"
	"reflect"
	"testing"
)

func TestNewPanicsOnBadCapacity(t *testing.T) {
	for _, c := range []int{0, -1} {
		t.Run("", func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("New(%d) did not panic", c)
				}
			}()
			New[int](c, false)
		})
	}
}

func TestEmptyBuffer(t *testing.T) {
	b := New[string](3, false)
	if b.Len() != 0 || b.Cap() != 3 || b.Full() {
		t.Fatalf("Len=%d Cap=%d Full=%v", b.Len(), b.Cap(), b.Full())
	}
	if _, err := b.Pop(); !errors.Is(err, ErrEmpty) {
		t.Errorf("Pop err = %v", err)
	}
	if _, err := b.Peek(); !errors.Is(err, ErrEmpty) {
		t.Errorf("Peek err = %v", err)
	}
	if _, ok := b.At(0); ok {
		t.Error("At(0) ok on empty buffer")
	}
	if s := b.Slice(); len(s) != 0 {
		t.Errorf("Slice = %v", s)
	}
}

func TestFIFOOrder(t *testing.T) {
	b := New[int](4, false)
	for i := 1; i <= 4; i++ {
		if _, _, err := b.Push(i); err != nil {
			t.Fatalf("Push(%d): %v", i, err)
		}
	}
	for want := 1; want <= 4; want++ {
		got, err := b.Pop()
		if err != nil || got != want {
			t.Fatalf("Pop = %d, %v; want %d", got, err, want)
		}
	}
}

func TestRejectWhenFull(t *testing.T) {
	b := New[int](2, false)
	b.Push(1)
	b.Push(2)
	_, dropped, err := b.Push(3)
	if !errors.Is(err, ErrFull) || dropped {
		t.Fatalf("Push on full: dropped=%v err=%v", dropped, err)
	}
	if got := b.Slice(); !reflect.DeepEqual(got, []int{1, 2}) {
		t.Errorf("contents changed to %v", got)
	}
}

func TestOverwriteDropsOldest(t *testing.T) {
	b := New[int](3, true)
	var drops []int
	for i := 1; i <= 7; i++ {
		v, dropped, err := b.Push(i)
		if err != nil {
			t.Fatalf("Push(%d): %v", i, err)
		}
		if dropped {
			drops = append(drops, v)
		}
	}
	if !reflect.DeepEqual(drops, []int{1, 2, 3, 4}) {
		t.Errorf("dropped %v", drops)
	}
	if got := b.Slice(); !reflect.DeepEqual(got, []int{5, 6, 7}) {
		t.Errorf("Slice = %v", got)
	}
	if v, _ := b.Peek(); v != 5 {
		t.Errorf("Peek = %d", v)
	}
}

func TestWrapAround(t *testing.T) {
	b := New[int](3, false)
	b.Push(1)
	b.Push(2)
	b.Pop()
	b.Push(3)
	b.Push(4) // lands in slot 0
	if got := b.Slice(); !reflect.DeepEqual(got, []int{2, 3, 4}) {
		t.Fatalf("Slice = %v", got)
	}
	if !b.Full() {
		t.Error("expected full")
	}
}

func TestAt(t *testing.T) {
	b := New[string](4, true)
	for _, s := range []string{"a", "b", "c", "d", "e"} {
		b.Push(s)
	}
	// contents: b c d e
	tests := []struct {
		i    int
		want string
		ok   bool
	}{
		{0, "b", true},
		{3, "e", true},
		{4, "", false},
		{-1, "e", true},
		{-4, "b", true},
		{-5, "", false},
	}
	for _, tt := range tests {
		got, ok := b.At(tt.i)
		if got != tt.want || ok != tt.ok {
			t.Errorf("At(%d) = %q, %v; want %q, %v", tt.i, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPopClearsSlotForGC(t *testing.T) {
	b := New[*int](2, false)
	x := 42
	b.Push(&x)
	b.Pop()
	if b.data[0] != nil {
		t.Error("popped slot still holds a pointer")
	}
}

func TestReset(t *testing.T) {
	b := New[*int](2, true)
	x, y := 1, 2
	b.Push(&x)
	b.Push(&y)
	b.Reset()
	if b.Len() != 0 {
		t.Errorf("Len after Reset = %d", b.Len())
	}
	for i, p := range b.data {
		if p != nil {
			t.Errorf("slot %d not cleared", i)
		}
	}
	b.Push(&y)
	if v, _ := b.Peek(); v != &y {
		t.Error("buffer unusable after Reset")
	}
}

// TestAgainstSliceModel drives the buffer and a plain slice with the same
// operations and checks they agree after each step.
func TestAgainstSliceModel(t *testing.T) {
	for _, overwrite := range []bool{false, true} {
		b := New[int](5, overwrite)
		var model []int
		seed := uint32(7)
		for step := 0; step < 500; step++ {
			seed = seed*1664525 + 1013904223
			if seed%3 != 0 {
				v := int(seed >> 16)
				_, _, err := b.Push(v)
				switch {
				case len(model) < 5:
					model = append(model, v)
				case overwrite:
					model = append(model[1:], v)
				default:
					if !errors.Is(err, ErrFull) {
						t.Fatalf("step %d: want ErrFull, got %v", step, err)
					}
				}
			} else {
				v, err := b.Pop()
				if len(model) == 0 {
					if !errors.Is(err, ErrEmpty) {
						t.Fatalf("step %d: want ErrEmpty, got %v", step, err)
					}
				} else {
					if v != model[0] {
						t.Fatalf("step %d: Pop = %d, want %d", step, v, model[0])
					}
					model = model[1:]
				}
			}
			if got := b.Slice(); !reflect.DeepEqual(got, append([]int{}, model...)) {
				t.Fatalf("overwrite=%v step %d: buffer %v, model %v", overwrite, step, got, model)
			}
		}
	}
}

func BenchmarkPushPop(b *testing.B) {
	r := New[int](1024, true)
	for i := 0; i < b.N; i++ {
		r.Push(i)
		if i%2 == 0 {
			r.Pop()
		}
	}
}
