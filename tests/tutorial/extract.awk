# extract.awk - turns a tutorial page into a shell script: ```sh blocks are
# commands, ```LANG file=NAME blocks are written to NAME, and each line of a
# ```text output block goes to the file named by -v expected=FILE.
function fail(message) {
	printf "extract.awk: %s:%d: %s\n", FILENAME, FNR, message > "/dev/stderr"
	failed = 1
	exit 1
}
BEGIN { kind = "" }
/^```/ {
	if (kind != "") {
		if (kind == "file")
			print "LARCH_TUTORIAL_EOF"
		kind = ""
		next
	}
	info = substr($0, 4)
	if (info == "sh") {
		kind = "sh"
	} else if (info == "text output") {
		kind = "output"
	} else if (match(info, / file=[A-Za-z0-9_.-]+$/)) {
		name = substr(info, RSTART + 6)
		print "cat >'" name "' <<'LARCH_TUTORIAL_EOF'"
		print name > files
		kind = "file"
	} else {
		kind = "other"
	}
	next
}
kind == "sh" || kind == "file" { print; next }
kind == "output" { print > expected }
END {
	if (!failed && kind != "")
		fail("a code block is not closed")
}
