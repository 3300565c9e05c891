package org.stemiraccds.fhir;

/** Full-text search on the embedded default: the Lucene index beside the database (here in memory). */
class FullTextSearchIT extends ServerTestBase implements FullTextSearchContract {
	@Override
	public FhirHttp fullTextHttp() {
		return http;
	}
}
