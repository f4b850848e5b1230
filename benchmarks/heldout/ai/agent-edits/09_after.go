package geo

// Lookup of country by IP from the ranges csv we export nightly.
// Format: start_ip,end_ip,country   (ipv4 only for now)

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strings"
)

type rng struct {
	lo, hi  uint32
	country string
	line    int // source line, for error messages
}

type DB struct {
	ranges []rng
}

var ErrNotFound = errors.New("geo: not found")

func ip4(s string) (uint32, error) {
	ip := net.ParseIP(strings.TrimSpace(s)).To4()
	if ip == nil {
		return 0, fmt.Errorf("geo: not an ipv4 address: %q", s)
	}
	return binary.BigEndian.Uint32(ip), nil
}

func Load(path string) (*DB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f)
}

func Parse(r io.Reader) (*DB, error) {
	db := &DB{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.Split(line, ",")
		if len(parts) != 3 {
			return nil, fmt.Errorf("geo: line %d: want 3 fields", n)
		}
		lo, err := ip4(parts[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		hi, err := ip4(parts[1])
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		if hi < lo {
			return nil, fmt.Errorf("geo: line %d: end before start", n)
		}
		db.ranges = append(db.ranges, rng{lo, hi, strings.ToUpper(strings.TrimSpace(parts[2])), n})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(db.ranges, func(i, j int) bool { return db.ranges[i].lo < db.ranges[j].lo })
	if err := checkOverlaps(db.ranges); err != nil {
		return nil, err
	}
	return db, nil
}

// OverlapError reports two input ranges that share at least one address.
// Country() relies on ranges being disjoint, so these are rejected at load time.
type OverlapError struct {
	LineA, LineB int
	Start, End   net.IP
}

func (e *OverlapError) Error() string {
	return fmt.Sprintf("geo: lines %d and %d overlap (%s - %s)", e.LineA, e.LineB, e.Start, e.End)
}

// checkOverlaps expects ranges sorted by lo.
func checkOverlaps(rs []rng) error {
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		if cur.lo <= prev.hi {
			end := prev.hi
			if cur.hi < end {
				end = cur.hi
			}
			a, b := prev.line, cur.line
			if a > b {
				a, b = b, a
			}
			return &OverlapError{LineA: a, LineB: b, Start: u32ToIP(cur.lo), End: u32ToIP(end)}
		}
	}
	return nil
}

func u32ToIP(x uint32) net.IP {
	ip := make(net.IP, 4)
	binary.BigEndian.PutUint32(ip, x)
	return ip
}

// Country returns the 2 letter code for ip.
func (db *DB) Country(ip string) (string, error) {
	x, err := ip4(ip)
	if err != nil {
		return "", err
	}
	i := sort.Search(len(db.ranges), func(i int) bool { return db.ranges[i].lo > x }) - 1
	if i < 0 || x > db.ranges[i].hi {
		return "", ErrNotFound
	}
	return db.ranges[i].country, nil
}

func (db *DB) Len() int { return len(db.ranges) }
