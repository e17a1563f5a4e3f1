// Package rpm holds the definitions of gomqm's RPM packages and the test
// of the admin's path with them. It has no code of its own: `make rpm`
// (the build script beside this file) stages the commands and runs nfpm
// on runtime.yaml, server.yaml, client.yaml, samples.yaml and man.yaml.
//
// The test builds the packages, checks what rpm -qpi, -qpl, --scripts and
// --requires show, installs them with rpm into a throwaway Debian root
// (never onto the machine itself) and, isolated there with unshare and
// chroot, does what an admin does: passwd mqm, crtmqm, strmqm, runmqsc,
// amqsput and amqsget as mqm, AMQ7077E for a user outside group mqm, the
// systemd unit's commands; then upgrade (data kept), erase (data kept),
// and an install whose useradd fails, which must fail.
package rpm
