# SPDX-License-Identifier: GPL-2.0
#
# config/lib/attribute.awk - attribute every error of a kernel compile log
# to the probe it belongs to (config/probe-kernel.sh; tested offline by
# tests/probe/ on recorded gcc and clang logs).
#
#   awk -v names="PROBE..." -v pdir=PROBE_DIR -f attribute.awk LOG
#
# Prints "P <probe>" for an error inside a probe (by the file it is reported
# in, else by the mpc_probe_<probe>* function gcc says it is in) and
# "B <line>" for an error outside every probe: a kernel header, the
# compiler, a missing header (a fatal error is never read as "feature
# missing"), a missing make rule.

BEGIN {
	n = split(names, arr, " ")
	for (i = 1; i <= n; i++)
		known[arr[i]] = 1
	ctx = ""
}

# mpc_probe_<probe>[_suffix] -> the longest probe name that fits
function probe_of_fn(fn,   rest, best, i) {
	if (fn !~ /^mpc_probe_/)
		return ""
	rest = substr(fn, 11)
	best = ""
	for (i = 1; i <= n; i++)
		if (index(rest, arr[i]) == 1 && length(arr[i]) > length(best) &&
		    (length(rest) == length(arr[i]) ||
		     substr(rest, length(arr[i]) + 1, 1) == "_"))
			best = arr[i]
	return best
}

function probe_of_file(f,   b) {
	if (index(f, pdir "/") != 1)
		return ""
	b = f
	sub(/.*\//, "", b)
	sub(/\.c$/, "", b)
	return (b in known) ? b : ""
}

# gcc: "FILE: In function 'NAME':" (typographic quotes in a UTF-8 locale)
/: In function [`'‘]/ {
	fn = $0
	sub(/.*: In function [`'‘]/, "", fn)
	sub(/[`'’].*/, "", fn)
	ctx = fn
	next
}

# gcc prints the include chain of a new location before its "In function"
# line: a diagnostic after it is in no function until one is named.
/: At top level:/ || /^In file included from / {
	ctx = ""
	next
}

/(^|: )(fatal )?error: / || /No rule to make target/ {
	line = $0
	if (line !~ /fatal error: / &&
	    match(line, /^[^ :]+:[0-9]+(:[0-9]+)?: error: /)) {
		file = line
		sub(/:[0-9]+(:[0-9]+)?: error: .*/, "", file)
		p = probe_of_file(file)
		if (p == "")
			p = probe_of_fn(ctx)
		if (p != "") {
			print "P " p
			next
		}
	}
	print "B " line
}
