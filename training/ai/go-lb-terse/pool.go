package main

import (
	"context"
	"errors"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

type backend struct {
	u      *url.URL
	rp     *httputil.ReverseProxy
	up     atomic.Bool
	fails  atomic.Int32
	active atomic.Int64
	weight int
}

type pool struct {
	mu  sync.RWMutex
	bs  []*backend
	rr  atomic.Uint64
	alg string
}

var errNoBackend = errors.New("no healthy backend")

func newPool(alg string, urls []string, weights []int) (*pool, error) {
	p := &pool{alg: alg}
	for i, s := range urls {
		u, err := url.Parse(s)
		if err != nil {
			return nil, err
		}
		w := 1
		if i < len(weights) && weights[i] > 0 {
			w = weights[i]
		}
		b := &backend{u: u, weight: w}
		b.up.Store(true)
		b.rp = httputil.NewSingleHostReverseProxy(u)
		b.rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
			if b.fails.Add(1) >= 3 && b.up.CompareAndSwap(true, false) {
				log.Printf("lb: %s down (proxy errors): %v", b.u, err)
			}
			http.Error(w, "bad gateway", http.StatusBadGateway)
		}
		p.bs = append(p.bs, b)
	}
	return p, nil
}

func (p *pool) healthy() []*backend {
	p.mu.RLock()
	defer p.mu.RUnlock()
	out := make([]*backend, 0, len(p.bs))
	for _, b := range p.bs {
		if b.up.Load() {
			out = append(out, b)
		}
	}
	return out
}

func (p *pool) pick() (*backend, error) {
	hs := p.healthy()
	if len(hs) == 0 {
		return nil, errNoBackend
	}
	switch p.alg {
	case "least":
		best := hs[0]
		for _, b := range hs[1:] {
			if b.active.Load()*int64(best.weight) < best.active.Load()*int64(b.weight) {
				best = b
			}
		}
		return best, nil
	default:
		tot := 0
		for _, b := range hs {
			tot += b.weight
		}
		n := int(p.rr.Add(1) % uint64(tot))
		for _, b := range hs {
			if n < b.weight {
				return b, nil
			}
			n -= b.weight
		}
		return hs[0], nil
	}
}

func (p *pool) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, err := p.pick()
	if err != nil {
		w.Header().Set("Retry-After", "5")
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	b.active.Add(1)
	defer b.active.Add(-1)
	r.Header.Set("X-Forwarded-Host", r.Host)
	b.rp.ServeHTTP(w, r)
}

func (p *pool) check(ctx context.Context, path string, every, timeout time.Duration) {
	c := &http.Client{Timeout: timeout}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		var wg sync.WaitGroup
		for _, b := range p.bs {
			wg.Add(1)
			go func(b *backend) {
				defer wg.Done()
				ok := probe(ctx, c, b.u.JoinPath(path).String())
				if ok {
					b.fails.Store(0)
					if b.up.CompareAndSwap(false, true) {
						log.Printf("lb: %s up", b.u)
					}
				} else if b.up.CompareAndSwap(true, false) {
					log.Printf("lb: %s down (health check)", b.u)
				}
			}(b)
		}
		wg.Wait()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func probe(ctx context.Context, c *http.Client, u string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false
	}
	res, err := c.Do(req)
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode < 500
}
