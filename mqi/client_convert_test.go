package mqi

import (
	"testing"
	"time"
)

func TestPutDateTime(t *testing.T) {
	want := time.Date(2026, 2, 28, 23, 59, 58, 470_000_000, time.UTC)
	date, tm := putDateAndTime(want.In(time.FixedZone("X", 3600)))
	if date != "20260228" || tm != "23595847" {
		t.Fatalf("putDateAndTime = %q %q, want 20260228 23595847", date, tm)
	}
	if got := putDateTime(date, tm); !got.Equal(want) {
		t.Errorf("putDateTime(%q, %q) = %v, want %v", date, tm, got, want)
	}
	if got := putDateTime("20240229", "120000"); !got.Equal(time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("leap day without hundredths: %v", got)
	}
	for _, bad := range [][2]string{
		{"20260229", "12000000"}, {"20261301", "12000000"}, {"20260100", "12000000"},
		{"2026010A", "12000000"}, {"20260101", "24000000"}, {"20260101", "1260"},
		{"", ""}, {"20260101", "12:00:00"},
	} {
		if got := putDateTime(bad[0], bad[1]); !got.IsZero() {
			t.Errorf("putDateTime(%q, %q) = %v, want the zero time", bad[0], bad[1], got)
		}
	}
}
