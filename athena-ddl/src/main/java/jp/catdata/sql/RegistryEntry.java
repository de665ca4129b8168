package jp.catdata.sql;

import java.time.Instant;

/**
 * One known cat of a municipality's registry, one row of the {@code cat_registry} table.
 *
 * @param catId the id the job's tables use for the cat (a Movebank file's tag id)
 * @param name the cat's name or the registry's animal id
 * @param sex {@code male}, {@code female} or null when not recorded
 * @param reproductiveCondition {@code neutered} (castrated male), {@code spayed}, {@code intact} or
 *     null when not recorded
 * @param neutered true for neutered or spayed, false for intact, null when not recorded
 * @param earTipped whether the ear is tipped (the mark of a neutered community cat), null when not
 *     recorded
 * @param ageYears age in whole years when recorded
 * @param birthYear year of birth as given, or estimated as the year of {@code deploymentStart}
 *     minus {@code ageYears}
 * @param status {@code pet}, {@code community} or {@code stray}
 * @param hrsIndoors hours a day the cat spends indoors, as its owner reported
 * @param nCats number of cats in the household
 * @param hunts whether the owner reports that the cat hunts
 * @param preyPerMonth prey brought home per month, as its owner reported
 * @param deploymentStart when the GPS tag was put on, UTC
 * @param deploymentEnd when the GPS tag was taken off, UTC
 * @param origin file name and line of the CSV row, for example {@code registry.csv:12}
 */
public record RegistryEntry(
        String catId,
        String name,
        String sex,
        String reproductiveCondition,
        Boolean neutered,
        Boolean earTipped,
        Integer ageYears,
        Integer birthYear,
        String status,
        Double hrsIndoors,
        Integer nCats,
        Boolean hunts,
        Double preyPerMonth,
        Instant deploymentStart,
        Instant deploymentEnd,
        String origin) {}
