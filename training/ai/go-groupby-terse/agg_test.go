package main

import (
	"reflect"
	"testing"
)

func TestTable(t *testing.T) {
	idx := map[string]int{"region": 0, "amt": 1}
	sp, err := parseAggs("count,sum:amt,avg:amt,max:amt", idx)
	if err != nil {
		t.Fatal(err)
	}
	tb := newTable([]int{0}, sp)
	for _, r := range [][]string{{"eu", "10"}, {"us", "5"}, {"eu", "2.5"}, {"us", ""}} {
		if err := tb.add(r); err != nil {
			t.Fatal(err)
		}
	}
	got := tb.rows()
	want := [][]string{{"eu", "2", "12.5", "6.25", "10"}, {"us", "2", "5", "5", "5"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v", got)
	}
	if err := sortRows(got, []string{"region", "count", "sum_amt", "avg_amt", "max_amt"}, "-sum_amt"); err != nil || got[0][0] != "eu" {
		t.Fatal(got, err)
	}
	if err := tb.add([]string{"eu", "x"}); err == nil {
		t.Fatal("want error")
	}
	if _, err := parseAggs("median:amt", idx); err == nil {
		t.Fatal("want error")
	}
}

func TestNoGroupKeys(t *testing.T) {
	sp, _ := parseAggs("count,min:v", map[string]int{"v": 0})
	tb := newTable(nil, sp)
	for _, v := range []string{"3", "-1", "7"} {
		tb.add([]string{v})
	}
	if got := tb.rows(); !reflect.DeepEqual(got, [][]string{{"3", "-1"}}) {
		t.Fatalf("got %v", got)
	}
}
