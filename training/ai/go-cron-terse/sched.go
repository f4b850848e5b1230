package cron

import (
	"context"
	"log"
	"sort"
	"sync"
	"time"
)

type job struct {
	id   int
	name string
	ex   *Expr
	fn   func(context.Context) error
	next time.Time
}

type Sched struct {
	mu    sync.Mutex
	jobs  []*job
	seq   int
	wake  chan struct{}
	now   func() time.Time
	limit chan struct{}
}

func New(maxConc int) *Sched {
	if maxConc < 1 {
		maxConc = 1
	}
	return &Sched{wake: make(chan struct{}, 1), now: time.Now, limit: make(chan struct{}, maxConc)}
}

func (s *Sched) Add(name, spec string, fn func(context.Context) error) (int, error) {
	ex, err := Parse(spec)
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	s.seq++
	j := &job{id: s.seq, name: name, ex: ex, fn: fn, next: ex.Next(s.now())}
	s.jobs = append(s.jobs, j)
	s.mu.Unlock()
	s.poke()
	return j.id, nil
}

func (s *Sched) Remove(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, j := range s.jobs {
		if j.id == id {
			s.jobs = append(s.jobs[:i], s.jobs[i+1:]...)
			return
		}
	}
}

func (s *Sched) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *Sched) due() ([]*job, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var out []*job
	for _, j := range s.jobs {
		if !j.next.IsZero() && !j.next.After(now) {
			out = append(out, j)
			j.next = j.ex.Next(now)
		}
	}
	sort.Slice(s.jobs, func(a, b int) bool { return s.jobs[a].next.Before(s.jobs[b].next) })
	d := time.Hour
	if len(s.jobs) > 0 && !s.jobs[0].next.IsZero() {
		d = s.jobs[0].next.Sub(now)
	}
	return out, d
}

func (s *Sched) Run(ctx context.Context) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		run, d := s.due()
		for _, j := range run {
			wg.Add(1)
			go func(j *job) {
				defer wg.Done()
				select {
				case s.limit <- struct{}{}:
				case <-ctx.Done():
					return
				}
				defer func() { <-s.limit }()
				t0 := time.Now()
				if err := j.fn(ctx); err != nil {
					log.Printf("cron: %s failed after %s: %v", j.name, time.Since(t0), err)
				}
			}(j)
		}
		tm := time.NewTimer(d)
		select {
		case <-ctx.Done():
			tm.Stop()
			return
		case <-s.wake:
			tm.Stop()
		case <-tm.C:
		}
	}
}
