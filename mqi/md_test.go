package mqi

import (
	"testing"
	"time"
)

func TestParsePutDateTime(t *testing.T) {
	want := time.Date(2025, 3, 14, 10, 20, 30, 400_000_000, time.UTC)
	if got := parsePutDateTime("20250314", "10203040"); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("parsePutDateTime = %v, want %v", got, want)
	}
	// Application-set context need not be a valid time.
	for _, c := range [][2]string{
		{"", ""},
		{"20250314", "102030"},
		{"2025031", "10203040"},
		{"20251314", "10203040"},
		{"20250314", "25203040"},
		{"ABCDEFGH", "10203040"},
		{"20250314", "1020304x"},
	} {
		if got := parsePutDateTime(c[0], c[1]); !got.IsZero() {
			t.Errorf("parsePutDateTime(%q, %q) = %v, want the zero time", c[0], c[1], got)
		}
	}
}

func TestFormatPutDateTime(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		in         time.Time
		date, time string
	}{
		{time.Date(2025, 3, 14, 10, 20, 30, 400_000_000, time.UTC), "20250314", "10203040"},
		{time.Date(2025, 3, 14, 0, 30, 0, 0, cet), "20250313", "23300000"},
		{time.Date(2025, 3, 14, 10, 20, 30, 999_999_999, time.UTC), "20250314", "10203099"},
	}
	for _, tt := range tests {
		d, tm := formatPutDateTime(tt.in)
		if d != tt.date || tm != tt.time {
			t.Errorf("formatPutDateTime(%v) = %s %s, want %s %s", tt.in, d, tm, tt.date, tt.time)
		}
	}
}
