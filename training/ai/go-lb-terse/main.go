package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", ":8000", "listen")
	bs := flag.String("b", "", "backends, comma separated, url[=weight]")
	alg := flag.String("alg", "rr", "rr|least")
	hp := flag.String("health", "/healthz", "health path")
	every := flag.Duration("every", 5*time.Second, "health interval")
	flag.Parse()

	var urls []string
	var ws []int
	for _, s := range strings.Split(*bs, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		u, w, _ := strings.Cut(s, "=")
		n, _ := strconv.Atoi(w)
		urls = append(urls, u)
		ws = append(ws, n)
	}
	if len(urls) == 0 {
		log.Fatal("need at least one backend (-b)")
	}
	p, err := newPool(*alg, urls, ws)
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go p.check(ctx, *hp, *every, 2*time.Second)

	mux := http.NewServeMux()
	mux.HandleFunc("/_lb/status", func(w http.ResponseWriter, r *http.Request) {
		type st struct {
			URL    string `json:"url"`
			Up     bool   `json:"up"`
			Active int64  `json:"active"`
			Weight int    `json:"weight"`
		}
		var out []st
		for _, b := range p.bs {
			out = append(out, st{b.u.String(), b.up.Load(), b.active.Load(), b.weight})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
	})
	mux.Handle("/", p)

	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	log.Printf("lb: %s -> %v (%s)", *addr, urls, *alg)
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
