// Package errlog writes queue manager and system error logs in IBM MQ's
// AMQERR01.LOG layout and rotates them as IBM MQ does.
//
// # Layout
//
// Each entry is a header (local date and time, process, user, program, then
// lines indented by 20 blanks with host, installation, version, queue
// manager, UTC time, remote host and inserts), the message line
// "AMQnnnnS: text", an EXPLANATION and an ACTION section, and a separator
// line naming the source file and line that wrote the entry. Text is wrapped
// so that no line reaches 80 columns. The explanation and action come from
// package amqmsg.
//
// The thread part of Process(pid.tid) is always 1: Go does not tie code to
// a thread, so there is no meaningful thread number to show.
//
// # Rotation and concurrency
//
// When appending an entry would take AMQERR01.LOG past Options.MaxSize, the
// files move down one place first: AMQERR02.LOG becomes AMQERR03.LOG (the
// old 03 is dropped) and AMQERR01.LOG becomes AMQERR02.LOG. Several
// processes (queue manager, crtmqm, strmqm, listeners) may write to one
// directory at the same time: each write, with any rotation before it, runs
// under an exclusive flock on the file AMQERR.LCK in the directory and is a
// single append, so entries never interleave. Within a process a Log may be
// used from many goroutines.
//
// Files are created with mode 0660 whatever the umask, so members of group
// mqm can read them. The directory itself is created by package qmdir.
package errlog
