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
		db.ranges = append(db.ranges, rng{lo, hi, strings.ToUpper(strings.TrimSpace(parts[2]))})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(db.ranges, func(i, j int) bool { return db.ranges[i].lo < db.ranges[j].lo })
	// NB: overlapping ranges are not detected. the export shouldnt have any
	return db, nil
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
