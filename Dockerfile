# Build and run stemirac-cds. docker-compose.yml runs it with PostgreSQL.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY .mvn .mvn
COPY mvnw .
COPY src src
COPY profiles profiles
COPY terminology terminology
COPY examples examples
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:17-jre
# The server runs as an unprivileged user of its own: it owns only /data (database files, Lucene index);
# the application files stay root's, read-only to it. /data is prepared before VOLUME, so a new named volume
# starts with this owner.
RUN groupadd --system --gid 10001 stemirac \
	&& useradd --system --uid 10001 --gid stemirac --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin stemirac \
	&& mkdir -p /data && chown stemirac:stemirac /data && chmod 750 /data
WORKDIR /app
COPY --from=build /src/target/stemirac-cds.jar /tmp/stemirac-cds.jar
COPY scripts/class-data-archive.sh /tmp/class-data-archive.sh
# The jar extracted, with the archive of the classes a start loads, made here by the JVM that runs the server
# (an archive of another JVM build is ignored): start-up in about two thirds of the time (docs/performance.md).
RUN /tmp/class-data-archive.sh /tmp/stemirac-cds.jar /app && rm /tmp/stemirac-cds.jar /tmp/class-data-archive.sh
ENV STEMIRAC_DATA_DIR=/data
VOLUME /data
USER stemirac:stemirac
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/stemirac-cds.jsa", "-jar", "/app/stemirac-cds.jar"]
