package org.stemiraccds.guideline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guideline's values are the defaults; any of them can be overridden by configuration. */
class GuidelineSettingsTest {
	@Test
	void defaultsAreTheGuidelinesValues() {
		GuidelineSettings settings = GuidelineSettings.defaults();
		assertThat(settings.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
		assertThat(settings.boneMarrowLastDay()).isEqualTo(31);
		assertThat(settings.minDoseCells()).isEqualTo(0.5e8);
		assertThat(settings.maxDoseCells()).isEqualTo(2.0e8);
		assertThat(settings.maxCellsPerKg()).isEqualTo(3.34e6);
		assertThat(settings.minDilution()).isEqualTo(3.0);
		assertThat(settings.maxSystolic()).isEqualTo(140.0);
		assertThat(settings.maxDiastolic()).isEqualTo(90.0);
		assertThat(settings.followUpDay()).isEqualTo(220);
	}

	@Test
	void aPropertyOverridesOneValueAndLeavesTheRest() {
		GuidelineSettings settings = GuidelineSettings.bind(Map.of("bone-marrow-last-day", "35", "zone", "UTC"));
		assertThat(settings.boneMarrowLastDay()).isEqualTo(35);
		assertThat(settings.zone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(settings.aisWindowDays()).isEqualTo(7);
	}
}
