package backup

import "testing"

func TestPgEscapeJSON(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"valid output unchanged", `[{"name":"main","status":{"code":0,"message":"ok \"quoted\" \\ back\nslash é"}}]`,
			`[{"name":"main","status":{"code":0,"message":"ok \"quoted\" \\ back\nslash é"}}]`},
		{"whitespace between tokens unchanged", "[\n\t{\"a\": 1}\r\n]", "[\n\t{\"a\": 1}\r\n]"},
		{"control characters in a string", "{\"message\":\"line 1: \x02\x1f\tend\"}", `{"message":"line 1: \u0002\u001f\u0009end"}`},
		{"invalid UTF-8 in a string", "{\"message\":\"a\xff\xfeb é\"}", `{"message":"a\ufffd\ufffdb é"}`},
		{"escaped quote keeps the string open", "{\"m\":\"\\\"\x01\"}", `{"m":"\"\u0001"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(pgEscapeJSON([]byte(tt.in))); got != tt.want {
				t.Errorf("pgEscapeJSON(%q)\n got: %s\nwant: %s", tt.in, got, tt.want)
			}
		})
	}
	if got := oneLine("[FormatError] a:\nFormatError: b: \x02\ufffdx\x7f\n\nHINT: c"); got != "[FormatError] a:; FormatError: b: x; HINT: c" {
		t.Errorf("oneLine: %q", got)
	}
}
