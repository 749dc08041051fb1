# Package location decides in which country a region or a site lies, for
# the checks of data location. It is a helper library, not a check, so it
# has no check annotations.
package nachweis.lib.location

# allowed are the allowed jurisdictions: params.eu_countries, upper case.
allowed := {upper(c) | some c in input.params.eu_countries; is_string(c)}

# country is the ISO 3166 country of a region or site: its entry in
# params.region_countries, else the region itself when it is a country
# code ("DE"), else the country of a site "<country>-<place>"
# ("DE-Falkenstein"); undefined when unknown.
country(region) := upper(c) if {
	c := input.params.region_countries[region]
	is_string(c)
} else := region if {
	regex.match(`^[A-Z]{2}$`, region)
} else := substring(region, 0, 2) if {
	regex.match(`^[A-Z]{2}-.`, region)
}
