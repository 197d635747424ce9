# idlc.mk - make rules that run idlc, for programs built against the Larch SDK.
#
#   IDL_FILES = kv.idl                  # every .idl, and every file they import
#   include $(shell pkg-config --variable=idlcmk larch-l4)
#   kv.o: $(IDL_HEADERS)                # objects that include generated headers
#   kv.elf: kv.o gen/kv_server.c ...    # generated sources are ordinary prerequisites
#
# Optional: IDLC (the compiler; default from pkg-config), IDLC_FLAGS (e.g.
# --trace, -I DIR), IDL_GEN_DIR (default gen). `make idl-clean` removes the output.
IDLC ?= $(shell pkg-config --variable=idlc larch-l4)
IDL_GEN_DIR ?= gen
IDLC_FLAGS ?=

IDL_BASES = $(basename $(notdir $(IDL_FILES)))
IDL_HEADERS = $(IDL_BASES:%=$(IDL_GEN_DIR)/%.h)
IDL_STAMP = $(IDL_GEN_DIR)/idlc.stamp

# One idlc run for all the files: they are checked together, as imports need.
# A new idlc regenerates too (when IDLC names a file).
$(IDL_STAMP): $(IDL_FILES) $(wildcard $(IDLC))
	$(IDLC) $(IDLC_FLAGS) -o $(IDL_GEN_DIR) $(IDL_FILES)
	touch $@

$(IDL_GEN_DIR)/%.h $(IDL_GEN_DIR)/%_client.c $(IDL_GEN_DIR)/%_server.h $(IDL_GEN_DIR)/%_server.c: $(IDL_STAMP)
	@:

idl-clean:
	rm -rf $(IDL_GEN_DIR)

.PHONY: idl-clean
