package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"regexp"
	"time"
)

func main() {
	n := flag.Int("n", 10, "lines of history")
	f := flag.Bool("f", false, "follow")
	grep := flag.String("e", "", "only lines matching regexp")
	v := flag.Bool("v", false, "invert -e")
	poll := flag.Duration("poll", 250*time.Millisecond, "poll interval")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: tailf [-n N] [-f] [-e RE [-v]] FILE")
		os.Exit(2)
	}
	path := flag.Arg(0)

	var re *regexp.Regexp
	if *grep != "" {
		var err error
		if re, err = regexp.Compile(*grep); err != nil {
			fail(err)
		}
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	emit := func(b []byte) {
		if re != nil && re.Match(b) == *v {
			return
		}
		w.Write(b)
		if b[len(b)-1] != '\n' {
			w.WriteByte('\n')
		}
	}

	lines, end, err := lastLines(path, *n)
	if err != nil {
		fail(err)
	}
	for _, l := range lines {
		emit(l)
	}
	if !*f {
		return
	}
	w.Flush()

	fl, err := open(path, false, *poll)
	if err != nil {
		fail(err)
	}
	defer fl.Close()
	fl.off = end

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	flushing := func(b []byte) {
		emit(b)
		if fl.r.Buffered() == 0 {
			w.Flush()
		}
	}
	if err := fl.run(ctx, flushing); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tailf:", err)
	os.Exit(1)
}
