package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLastLines(t *testing.T) {
	p := filepath.Join(t.TempDir(), "log")
	var sb strings.Builder
	for i := 0; i < 5000; i++ {
		sb.WriteString("line\n")
	}
	sb.WriteString("last")
	os.WriteFile(p, []byte(sb.String()), 0o644)
	ls, end, err := lastLines(p, 3)
	if err != nil || len(ls) != 3 || string(ls[2]) != "last" || end != int64(sb.Len()) {
		t.Fatalf("%q %d %v", ls, end, err)
	}
}

func TestFollowTruncate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "log")
	os.WriteFile(p, []byte("old\n"), 0o644)
	fl, err := open(p, true, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer fl.Close()
	var mu sync.Mutex
	var got []string
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- fl.run(ctx, func(b []byte) {
			mu.Lock()
			got = append(got, string(b))
			mu.Unlock()
		})
	}()
	af, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	af.WriteString("a\nb")
	time.Sleep(30 * time.Millisecond)
	af.WriteString("c\n")
	af.Close()
	time.Sleep(30 * time.Millisecond)
	os.WriteFile(p, []byte("x\n"), 0o644)
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(got, "") != "a\nbc\nx\n" {
		t.Fatalf("%q", got)
	}
}
