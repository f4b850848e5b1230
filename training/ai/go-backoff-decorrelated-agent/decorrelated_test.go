package backoff

import (
	"math/rand"
	"testing"
	"time"
)

func TestDecorrelatedJitterBackOff(t *testing.T) {
	var (
		testInitialInterval = 100 * time.Millisecond
		testMaxInterval     = 5 * time.Second
	)

	b := NewDecorrelatedJitterBackOff()
	b.InitialInterval = testInitialInterval
	b.MaxInterval = testMaxInterval
	b.random = rand.New(rand.NewSource(42))
	b.Reset()

	prev := testInitialInterval
	for i := 0; i < 100; i++ {
		next := b.NextBackOff()
		if next < testInitialInterval {
			t.Errorf("interval %d too short: %v < %v", i, next, testInitialInterval)
		}
		if next > testMaxInterval {
			t.Errorf("interval %d too long: %v > %v", i, next, testMaxInterval)
		}
		if limit := prev * 3; next > limit && limit < testMaxInterval {
			t.Errorf("interval %d grew too fast: %v after %v", i, next, prev)
		}
		prev = next
	}
}

func TestDecorrelatedJitterBackOffReset(t *testing.T) {
	b := NewDecorrelatedJitterBackOff()
	b.InitialInterval = time.Second
	b.MaxInterval = time.Hour
	b.Reset()

	for i := 0; i < 20; i++ {
		b.NextBackOff()
	}
	b.Reset()
	assertEquals(t, time.Second, b.previous)
}

func TestDecorrelatedJitterBackOffElapsedTime(t *testing.T) {
	clock := &TestClock{}
	b := NewDecorrelatedJitterBackOff()
	b.Clock = clock
	b.MaxElapsedTime = 10 * time.Second
	b.Reset()

	if b.NextBackOff() == Stop {
		t.Error("returned Stop before MaxElapsedTime")
	}

	// TestClock moves one second per call, jump well past the limit
	clock.start = clock.start.Add(time.Minute)
	if b.NextBackOff() != Stop {
		t.Error("expected Stop after MaxElapsedTime")
	}

	b.MaxElapsedTime = 0
	if b.NextBackOff() == Stop {
		t.Error("returned Stop with MaxElapsedTime == 0")
	}
}

func TestDecorrelatedJitterBackOffOverflow(t *testing.T) {
	b := NewDecorrelatedJitterBackOff()
	b.InitialInterval = time.Duration(1 << 62)
	b.MaxInterval = time.Duration(1<<62) + time.Hour
	b.MaxElapsedTime = 0
	b.Reset()

	for i := 0; i < 5; i++ {
		next := b.NextBackOff()
		if next < b.InitialInterval || next > b.MaxInterval {
			t.Fatalf("interval out of range after overflow: %v", next)
		}
	}
}

func TestWithMaxInterval(t *testing.T) {
	b := WithMaxInterval(NewConstantBackOff(time.Minute), time.Second)
	assertEquals(t, time.Second, b.NextBackOff())

	b = WithMaxInterval(NewConstantBackOff(time.Millisecond), time.Second)
	assertEquals(t, time.Millisecond, b.NextBackOff())

	b = WithMaxInterval(&StopBackOff{}, time.Second)
	assertEquals(t, Stop, b.NextBackOff())
}

func TestWithMaxIntervalReset(t *testing.T) {
	tries := WithMaxRetries(&ZeroBackOff{}, 1)
	b := WithMaxInterval(tries, time.Second)

	assertEquals(t, time.Duration(0), b.NextBackOff())
	assertEquals(t, Stop, b.NextBackOff())

	b.Reset()
	assertEquals(t, time.Duration(0), b.NextBackOff())
}
