// Package buffer provides a "fingers crossed" hook for logrus.
//
// Entries below a trigger level are kept in a fixed size ring buffer instead
// of being written. As soon as an entry at or above the trigger level is
// logged, the buffered entries are written first, followed by the triggering
// entry, so the context that led to an error is available without having
// debug output enabled all the time.
package buffer

import (
	"io"
	"sync"

	log "github.com/sirupsen/logrus"
)

// DefaultSize is the number of entries kept when Hook.Size is not set.
const DefaultSize = 100

// Hook buffers formatted entries and writes them to Writer once an entry at
// or above TriggerLevel is fired.
type Hook struct {
	// Writer receives the buffered entries when the hook is triggered.
	Writer io.Writer

	// TriggerLevel is the least severe level that flushes the buffer,
	// e.g. log.ErrorLevel also triggers on fatal and panic entries.
	TriggerLevel log.Level

	// Size is the maximum number of entries kept before the oldest ones
	// are dropped. If zero, DefaultSize is used.
	Size int

	// PassThrough keeps writing every entry directly once the hook has
	// been triggered, instead of buffering again.
	PassThrough bool

	mu        sync.Mutex
	lines     [][]byte
	start     int
	triggered bool
}

// New creates a Hook that writes to w once an entry at level trigger or above
// is logged, keeping at most size entries before that.
func New(w io.Writer, trigger log.Level, size int) *Hook {
	return &Hook{
		Writer:       w,
		TriggerLevel: trigger,
		Size:         size,
	}
}

// Levels returns all levels, because every entry has to be seen to be buffered
func (hook *Hook) Levels() []log.Level {
	return log.AllLevels
}

// Fire formats the entry and either buffers it, or writes the buffer and the
// entry if the entry's level is at or above TriggerLevel
func (hook *Hook) Fire(entry *log.Entry) error {
	line, err := entry.Bytes()
	if err != nil {
		return err
	}

	hook.mu.Lock()
	defer hook.mu.Unlock()

	if hook.triggered && hook.PassThrough {
		_, err = hook.Writer.Write(line)
		return err
	}

	// Lower levels are more severe: PanicLevel is 0, TraceLevel is 6
	if entry.Level > hook.TriggerLevel {
		hook.push(line)
		return nil
	}

	hook.triggered = true
	if err := hook.flushLocked(); err != nil {
		return err
	}
	_, err = hook.Writer.Write(line)
	return err
}

// Flush writes out the buffered entries, e.g. before the program exits
func (hook *Hook) Flush() error {
	hook.mu.Lock()
	defer hook.mu.Unlock()
	return hook.flushLocked()
}

// Reset drops the buffered entries and arms the trigger again
func (hook *Hook) Reset() {
	hook.mu.Lock()
	defer hook.mu.Unlock()
	hook.lines = nil
	hook.start = 0
	hook.triggered = false
}

// Len returns the number of entries currently buffered
func (hook *Hook) Len() int {
	hook.mu.Lock()
	defer hook.mu.Unlock()
	return len(hook.lines)
}

func (hook *Hook) size() int {
	if hook.Size <= 0 {
		return DefaultSize
	}
	return hook.Size
}

// push appends a line, overwriting the oldest one once the buffer is full.
// The caller must hold hook.mu.
func (hook *Hook) push(line []byte) {
	if len(hook.lines) < hook.size() {
		hook.lines = append(hook.lines, line)
		return
	}
	hook.lines[hook.start] = line
	hook.start = (hook.start + 1) % len(hook.lines)
}

// flushLocked writes the buffered lines, oldest first, and empties the buffer.
// The caller must hold hook.mu.
func (hook *Hook) flushLocked() error {
	n := len(hook.lines)
	for i := 0; i < n; i++ {
		line := hook.lines[(hook.start+i)%n]
		if _, err := hook.Writer.Write(line); err != nil {
			// Keep what was not written yet, so a later Flush can retry
			remaining := make([][]byte, 0, n-i)
			for j := i; j < n; j++ {
				remaining = append(remaining, hook.lines[(hook.start+j)%n])
			}
			hook.lines = remaining
			hook.start = 0
			return err
		}
	}
	hook.lines = nil
	hook.start = 0
	return nil
}
