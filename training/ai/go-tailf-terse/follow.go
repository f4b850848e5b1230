package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"time"
)

type follower struct {
	path string
	poll time.Duration
	f    *os.File
	r    *bufio.Reader
	off  int64
	part []byte
}

func open(path string, fromEnd bool, poll time.Duration) (*follower, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fl := &follower{path: path, poll: poll, f: f, r: bufio.NewReader(f)}
	if fromEnd {
		if fl.off, err = f.Seek(0, io.SeekEnd); err != nil {
			f.Close()
			return nil, err
		}
	}
	return fl, nil
}

func (fl *follower) Close() error { return fl.f.Close() }

func lastLines(path string, n int) ([][]byte, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	end, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, 0, err
	}
	const blk = 8192
	var buf []byte
	pos := end
	for pos > 0 && bytes.Count(buf, []byte{'\n'}) <= n {
		sz := int64(blk)
		if pos < sz {
			sz = pos
		}
		pos -= sz
		b := make([]byte, sz)
		if _, err := f.ReadAt(b, pos); err != nil {
			return nil, 0, err
		}
		buf = append(b, buf...)
	}
	lines := bytes.SplitAfter(buf, []byte{'\n'})
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines, end, nil
}

func (fl *follower) reopenIfRotated() error {
	st, err := os.Stat(fl.path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	cur, err := fl.f.Stat()
	if err != nil {
		return err
	}
	switch {
	case !os.SameFile(st, cur):
		nf, err := os.Open(fl.path)
		if err != nil {
			return err
		}
		fl.f.Close()
		fl.f, fl.off, fl.part = nf, 0, nil
		fl.r.Reset(nf)
	case st.Size() < fl.off:
		if _, err := fl.f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		fl.off, fl.part = 0, nil
		fl.r.Reset(fl.f)
	}
	return nil
}

func (fl *follower) run(ctx context.Context, emit func([]byte)) error {
	if _, err := fl.f.Seek(fl.off, io.SeekStart); err != nil {
		return err
	}
	fl.r.Reset(fl.f)
	t := time.NewTicker(fl.poll)
	defer t.Stop()
	for {
		for {
			b, err := fl.r.ReadBytes('\n')
			fl.off += int64(len(b))
			if err == nil {
				if len(fl.part) > 0 {
					b = append(fl.part, b...)
					fl.part = nil
				}
				emit(b)
				continue
			}
			if err != io.EOF {
				return err
			}
			fl.part = append(fl.part, b...)
			break
		}
		select {
		case <-ctx.Done():
			if len(fl.part) > 0 {
				emit(fl.part)
			}
			return nil
		case <-t.C:
		}
		if err := fl.reopenIfRotated(); err != nil {
			return err
		}
	}
}
