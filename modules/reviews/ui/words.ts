/** Plain words for the queue's figures. Pure. */

/** "45 min", "5 h", "3 days": how long an item has waited (or waited until it closed). */
export function ageWords(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${Math.max(minutes, 0)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** "24 h", "5 days": an SLA in hours. */
export function slaWords(hours: number): string {
  return hours % 24 === 0 && hours >= 48 ? `${hours / 24} days` : `${hours} h`;
}
