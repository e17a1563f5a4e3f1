# make rpm builds the RPM packages into packaging/rpm/dist (see
# packaging/rpm/README.md). VERSION, RELEASE and SOURCE_DATE_EPOCH may be
# given: make rpm RELEASE=2.
RPM_OUT ?= packaging/rpm/dist

.PHONY: rpm clean
rpm:
	packaging/rpm/build $(RPM_OUT)

clean:
	rm -rf $(RPM_OUT)
