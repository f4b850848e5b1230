package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/ratelimit"
)

type config struct {
	addr  string
	rate  float64
	burst int
}

func parseFlags() config {
	var cfg config
	flag.StringVar(&cfg.addr, "addr", ":8080", "address to listen on")
	flag.Float64Var(&cfg.rate, "rate", 5, "requests per second allowed per client")
	flag.IntVar(&cfg.burst, "burst", 10, "maximum burst size per client")
	flag.Parse()
	return cfg
}

func main() {
	cfg := parseFlags()
	limiter := ratelimit.NewLimiter(cfg.rate, cfg.burst, 10*time.Minute, ratelimit.ClientIP)

	mux := http.NewServeMux()
	mux.HandleFunc("/api/hello", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"message": "Hello, world!"})
	})

	server := &http.Server{
		Addr:              cfg.addr,
		Handler:           limiter.Middleware(mux),
		ReadHeaderTimeout: 5 * time.Second,
	}

	// Periodically evict idle buckets so memory does not grow without bound.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		ticker := time.NewTicker(time.Minute)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				if removed := limiter.Cleanup(); removed > 0 {
					log.Printf("evicted %d idle rate limit buckets", removed)
				}
			case <-ctx.Done():
				return
			}
		}
	}()

	go func() {
		log.Printf("listening on %s (rate=%.1f/s, burst=%d)", cfg.addr, cfg.rate, cfg.burst)
		if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatalf("server error: %v", err)
		}
	}()

	<-ctx.Done()
	log.Println("shutting down...")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		log.Printf("graceful shutdown failed: %v", err)
	}
}
