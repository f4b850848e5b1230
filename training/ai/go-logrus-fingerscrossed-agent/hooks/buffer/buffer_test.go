package buffer

import (
	"bytes"
	"errors"
	"io/ioutil"
	"testing"

	log "github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
)

func newLogger(hook *Hook) *log.Logger {
	logger := log.New()
	logger.Out = ioutil.Discard
	logger.Level = log.TraceLevel
	logger.Formatter = &log.TextFormatter{
		DisableTimestamp: true,
		DisableColors:    true,
	}
	logger.AddHook(hook)
	return logger
}

// setup returns a logger whose hook triggers at ErrorLevel and writes to buf
func setup(size int) (*log.Logger, *Hook, *bytes.Buffer) {
	buf := new(bytes.Buffer)
	hook := New(buf, log.ErrorLevel, size)
	return newLogger(hook), hook, buf
}

func TestNothingWrittenBelowTrigger(t *testing.T) {
	logger, hook, buf := setup(10)

	logger.Debug("one")
	logger.Info("two")
	logger.Warn("three")

	assert.Equal(t, "", buf.String())
	assert.Equal(t, 3, hook.Len())
}

func TestTriggerWritesBufferedEntries(t *testing.T) {
	logger, hook, buf := setup(10)

	logger.Debug("connecting")
	logger.WithField("attempt", 2).Info("retrying")
	logger.Error("giving up")

	assert.Equal(t, "level=debug msg=connecting\n"+
		"level=info msg=retrying attempt=2\n"+
		"level=error msg=\"giving up\"\n", buf.String())
	assert.Equal(t, 0, hook.Len())
}

func TestOldestEntriesAreDropped(t *testing.T) {
	var buf bytes.Buffer
	hook := New(&buf, log.WarnLevel, 2)
	logger := newLogger(hook)

	logger.Info("a")
	logger.Info("b")
	logger.Info("c")
	logger.Info("d")
	logger.Warn("w")

	assert.Equal(t, "level=info msg=c\nlevel=info msg=d\nlevel=warning msg=w\n", buf.String())
}

func TestBuffersAgainAfterTrigger(t *testing.T) {
	logger, hook, buf := setup(10)

	logger.Error("first")
	buf.Reset()
	logger.Info("quiet")

	assert.Equal(t, "", buf.String())
	assert.Equal(t, 1, hook.Len())
}

func TestPassThrough(t *testing.T) {
	logger, hook, buf := setup(10)
	hook.PassThrough = true

	logger.Info("before")
	assert.Equal(t, "", buf.String())

	logger.Error("boom")
	logger.Info("after")

	assert.Equal(t, "level=info msg=before\nlevel=error msg=boom\nlevel=info msg=after\n", buf.String())

	hook.Reset()
	buf.Reset()
	logger.Info("armed again")
	assert.Equal(t, "", buf.String())
}

func TestFlush(t *testing.T) {
	logger, hook, buf := setup(10)

	logger.Info("pending")
	assert.NoError(t, hook.Flush())

	assert.Equal(t, "level=info msg=pending\n", buf.String())
	assert.Equal(t, 0, hook.Len())
}

func TestDefaultSize(t *testing.T) {
	hook := &Hook{Writer: ioutil.Discard, TriggerLevel: log.ErrorLevel}
	logger := newLogger(hook)

	for i := 0; i < DefaultSize+5; i++ {
		logger.Info("x")
	}

	assert.Equal(t, DefaultSize, hook.Len())
}

type failingWriter struct {
	failAfter int
	buf       bytes.Buffer
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.failAfter == 0 {
		return 0, errors.New("disk full")
	}
	w.failAfter--
	return w.buf.Write(p)
}

func TestFlushErrorKeepsRemainingEntries(t *testing.T) {
	w := &failingWriter{failAfter: 1}
	hook := New(w, log.ErrorLevel, 10)
	logger := newLogger(hook)

	logger.Info("a")
	logger.Info("b")
	logger.Info("c")

	assert.EqualError(t, hook.Flush(), "disk full")
	assert.Equal(t, "level=info msg=a\n", w.buf.String())
	assert.Equal(t, 2, hook.Len())

	w.failAfter = -1
	assert.NoError(t, hook.Flush())
	assert.Equal(t, "level=info msg=a\nlevel=info msg=b\nlevel=info msg=c\n", w.buf.String())
}
