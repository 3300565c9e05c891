package org.stemiraccds.security.cdsclient;

import com.nimbusds.jose.proc.SecurityContext;
import java.time.Instant;

/** What a token is checked against besides its keys: the URL the call arrived at (its aud) and the time now. */
record CallContext(String url, Instant now) implements SecurityContext {}
