using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SensitivePi.Analyzers;
using SensitivePi.Tests.Verifiers;
using Verify = SensitivePi.Tests.Verifiers.AnalyzerVerifier<SensitivePi.Analyzers.Rules.BiometricOnlyIdentificationAnalyzer>;

namespace SensitivePi.Tests.Rules;

/// <summary>SPI004: purposes whose every identification method relies on biometrics alone.</summary>
public class BiometricOnlyIdentificationAnalyzerTests
{
    private const string Model = """
        using SensitivePi;

        public class Face
        {
            [SensitivePersonalInfo(Category.Biometric, Form = BiometricForm.RawSample)] public byte[] Photo { get; set; } = new byte[0];
        }

        public class Login
        {
            [SensitivePersonalInfo(Category.AuthenticationCredential)] public string Password { get; set; } = "";
            public string BadgeNumber { get; set; } = "";
        }

        public static class Matcher
        {
            public static bool Matches(byte[] photo) => photo.Length > 0;
        }
        """;

    [Fact]
    public async Task Every_method_of_a_biometric_only_purpose_is_reported_across_classes_and_files()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Locker.cs", """
            using SensitivePi;

            public class Locker
            {
                [IdentityVerification("pharmacy pickup")]
                public bool {|#0:OpenByFace|}(Face face) => Matcher.Matches(face.Photo);
            }
            """));
        test.TestState.Sources.Add(("Kiosk.cs", """
            using SensitivePi;

            public class Kiosk
            {
                [IdentityVerification("pharmacy pickup")]
                public bool {|#1:ConfirmByFace|}(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("door")]
                public bool {|#2:Door|}(Face face) => Matcher.Matches(face.Photo);
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "pharmacy pickup", "OpenByFace"));
        test.ExpectedDiagnostics.Add(Expect(1, "pharmacy pickup", "ConfirmByFace"));
        test.ExpectedDiagnostics.Add(Expect(2, "door", "Door"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_non_biometric_alternative_for_the_same_purpose_makes_it_compliant()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Gate.cs", """
            using SensitivePi;

            public class Gate
            {
                [IdentityVerification("sign-in")]
                public bool SignInByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("sign-in")]
                public bool SignInWithPassword(Login login) => login.Password == "secret";

                [IdentityVerification("ward entry")]
                public bool WardByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("ward entry")]
                public bool WardByBadge(Login login) => login.BadgeNumber == "42";

                [IdentityVerification("pay")]
                public bool PayEither(Face face, Login login) => Matcher.Matches(face.Photo) || login.Password == "pin";

                [IdentityVerification("staff")]
                public bool StaffByFace(Face face) => Matcher.Matches(face.Photo) || StaffByBadge(new Login());

                [IdentityVerification("staff")]
                public bool StaffByBadge(Login login) => login.BadgeNumber == "7";

                public bool NotAVerification(Face face) => Matcher.Matches(face.Photo);
            }
            """));
        await test.RunAsync(CancellationToken.None);
    }

    // The attribute on an interface or base method is the implementation's: it verifies for that purpose. An interface
    // method nothing implements is no alternative; an implementation that needs no face is one.
    [Fact]
    public async Task Implementations_and_overrides_verify_for_the_purpose_their_interface_or_base_declares()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Gates.cs", """
            using SensitivePi;

            public interface IGate
            {
                [IdentityVerification("ward entry")]
                bool Enter(Face face);
            }

            public interface IUnimplemented
            {
                [IdentityVerification("ward entry")]
                bool EnterSomehow(Login login);
            }

            public class FaceGate : IGate
            {
                public bool {|#0:Enter|}(Face face) => Matcher.Matches(face.Photo);
            }

            public abstract class Door
            {
                [IdentityVerification("lab door")]
                public abstract bool Open(Face face, Login login);
            }

            public class FaceDoor : Door
            {
                public override bool {|#1:Open|}(Face face, Login login) => Matcher.Matches(face.Photo);
            }

            public abstract class Desk
            {
                [IdentityVerification("front desk")]
                public abstract bool Check(Face face, Login login);
            }

            public class FaceDesk : Desk
            {
                public override bool Check(Face face, Login login) => Matcher.Matches(face.Photo);
            }

            public class BadgeDesk : Desk
            {
                public override bool Check(Face face, Login login) => login.BadgeNumber == "7";
            }

            // Only the base class names the interface; the override is what verifies, and the base never does.
            public interface ICounter
            {
                [IdentityVerification("pharmacy counter")]
                bool Verify(Face face);
            }

            public class CounterBase : ICounter
            {
                public virtual bool Verify(Face face) => false;
            }

            public class FaceCounter : CounterBase
            {
                public override bool {|#2:Verify|}(Face face) => Matcher.Matches(face.Photo);
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "ward entry", "Enter"));
        test.ExpectedDiagnostics.Add(Expect(1, "lab door", "Open"));
        test.ExpectedDiagnostics.Add(Expect(2, "pharmacy counter", "Verify"));
        await test.RunAsync(CancellationToken.None);
    }

    // Rule change (Face Measures Art. 10): a face and a password is still a face; a method that never verifies
    // anyone is no alternative; "face or code" is one.
    [Fact]
    public async Task Every_successful_path_through_a_biometric_check_requires_biometrics()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Gate.cs", """
            using System;
            using SensitivePi;

            public class Gate
            {
                [IdentityVerification("vault")]
                public bool {|#0:FaceAndPassword|}(Face face, Login login) => Matcher.Matches(face.Photo) && login.Password == "secret";

                [IdentityVerification("vault")]
                public bool PasswordOnlyNotSupported(Login login) => throw new NotSupportedException();

                [IdentityVerification("lab")]
                public bool {|#1:FaceFirst|}(Face face, Login login)
                {
                    if (!Matcher.Matches(face.Photo))
                    {
                        return false;
                    }

                    return login.Password == "secret";
                }

                [IdentityVerification("archive")]
                public bool {|#2:Remembered|}(Face face)
                {
                    var matched = Matcher.Matches(face.Photo);
                    return matched;
                }

                [IdentityVerification("archive")]
                public void {|#3:ThrowsUnlessTheFaceMatches|}(Face face)
                {
                    if (Matcher.Matches(face.Photo) is false)
                    {
                        throw new UnauthorizedAccessException();
                    }
                }

                [IdentityVerification("desk")]
                public bool FaceOrPassword(Face face, Login login)
                {
                    if (Matcher.Matches(face.Photo))
                    {
                        return true;
                    }

                    return login.Password == "secret";
                }

                [IdentityVerification("desk")]
                public bool FaceAtTheDesk(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("kiosk")]
                public bool {|#4:KioskFace|}(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("kiosk")]
                public bool KioskCodeNotYet(Login login) => false;

                // Review: a local holding a code check's result on one path is no biometric check there.
                [IdentityVerification("ward")]
                public bool Either(bool useFace, Face face, Login login)
                {
                    bool ok;
                    if (useFace)
                    {
                        ok = Matcher.Matches(face.Photo);
                    }
                    else
                    {
                        ok = login.Password == "secret";
                    }

                    return ok;
                }

                // Review: testing whether a photo was given is no check of the person.
                [IdentityVerification("ward")]
                public bool FaceAtTheWard(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("gate")]
                public bool PhotoOrCode(Face face, Login login)
                {
                    if (face.Photo is null || face.Photo.Length == 0)
                    {
                        return login.Password == "secret";
                    }

                    return Matcher.Matches(face.Photo);
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "vault", "FaceAndPassword"));
        test.ExpectedDiagnostics.Add(Expect(1, "lab", "FaceFirst"));
        test.ExpectedDiagnostics.Add(Expect(2, "archive", "Remembered"));
        test.ExpectedDiagnostics.Add(Expect(3, "archive", "ThrowsUnlessTheFaceMatches"));
        test.ExpectedDiagnostics.Add(Expect(4, "kiosk", "KioskFace"));
        await test.RunAsync(CancellationToken.None);
    }

    // A void verifier of this compilation that throws on a mismatch is a check once it completes (awaited, when a
    // Task); one whose body cannot be read, that only throws, or whose throws check arguments, rethrow or sit in a
    // lambda, is not taken for one (docs/rules/SPI004.md, "Known limits"; review findings).
    [Fact]
    public async Task A_completed_call_of_a_verifier_that_throws_on_a_mismatch_is_a_biometric_check()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Faces.cs", """
            using System;
            using System.Threading.Tasks;

            public interface IFaceVendor
            {
                void Verify(byte[] photo);
            }

            public class Faces
            {
                public void VerifyOrThrow(byte[] photo)
                {
                    if (!Matcher.Matches(photo))
                    {
                        throw new UnauthorizedAccessException();
                    }
                }

                public Task VerifyOrThrowAsync(byte[] photo) =>
                    Matcher.Matches(photo) ? Task.CompletedTask : throw new UnauthorizedAccessException();

                public void NotYet(byte[] photo) => throw new NotImplementedException();

                public void Remember(byte[] photo)
                {
                    if (photo is null)
                    {
                        throw new ArgumentNullException(nameof(photo));
                    }

                    try
                    {
                        Store(photo);
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new ApplicationException("store", e);
                    }

                    Action later = () => { if (photo.Length == 0) throw new InvalidOperationException(); };
                }

                private static void Store(byte[] photo) { }
            }
            """));
        test.TestState.Sources.Add(("Gate.cs", """
            using System.Threading.Tasks;
            using SensitivePi;

            public class Gate
            {
                private readonly Faces _faces = new();
                private readonly IFaceVendor _vendor = null!;

                [IdentityVerification("vault")]
                public bool {|#0:Vault|}(Face face)
                {
                    _faces.VerifyOrThrow(face.Photo);
                    return true;
                }

                [IdentityVerification("lab")]
                public async Task<bool> {|#1:LabAsync|}(Face face)
                {
                    await _faces.VerifyOrThrowAsync(face.Photo).ConfigureAwait(false);
                    return true;
                }

                [IdentityVerification("desk")]
                public bool Desk(Face face)
                {
                    _vendor.Verify(face.Photo);
                    return true;
                }

                [IdentityVerification("stub")]
                public bool Stub(Face face)
                {
                    _faces.NotYet(face.Photo);
                    return true;
                }

                [IdentityVerification("porter")]
                public bool PorterNotAwaited(Face face)
                {
                    _ = _faces.VerifyOrThrowAsync(face.Photo);
                    _faces.VerifyOrThrowAsync(face.Photo);
                    return true;
                }

                [IdentityVerification("ward")]
                public bool Ward(Face face)
                {
                    _faces.Remember(face.Photo);
                    return true;
                }

                [IdentityVerification("gate")]
                public bool Gate2(Face face, Login login)
                {
                    _faces.VerifyOrThrow(face.Photo);
                    return true;
                }

                [IdentityVerification("gate")]
                public bool GateByPassword(Login login) => login.Password == "secret";
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "vault", "Vault"));
        test.ExpectedDiagnostics.Add(Expect(1, "lab", "LabAsync"));
        await test.RunAsync(CancellationToken.None);
    }

    // docs/rules/SPI004.md, "Checks in helpers": a method of the project that answers yes only after a check of biometric data
    // it reads itself is a check wherever it is called, directly or through an interface every implementation here of which is one.
    [Fact]
    public async Task A_helper_that_checks_biometric_data_it_reads_itself_is_a_check_where_it_is_called()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Kiosk.cs", """
            using System.Threading.Tasks;
            using SensitivePi;

            public class Captures
            {
                public Face Latest(string id) => new Face();
            }

            public class FaceDesk
            {
                private readonly Captures _captures = new Captures();

                public bool MatchLatestCapture(string id) => Matcher.Matches(_captures.Latest(id).Photo);

                // A score against a threshold is a check.
                public bool CloseEnough(string id) => Score(_captures.Latest(id).Photo) > 0.8;

                private static double Score(byte[] photo) => photo.Length;
            }

            public interface IFaces
            {
                Task<bool> MatchAsync(string id);
            }

            public class CameraFaces : IFaces
            {
                private readonly Captures _captures = new Captures();

                public async Task<bool> MatchAsync(string id)
                {
                    await Task.Yield();
                    var photo = _captures.Latest(id).Photo;
                    if (!Matcher.Matches(photo))
                    {
                        return false;
                    }

                    return true;
                }
            }

            public class Kiosk
            {
                private readonly FaceDesk _desk = new FaceDesk();
                private readonly IFaces _faces = new CameraFaces();

                [IdentityVerification("pickup")]
                public bool {|#0:Collect|}(string id) => _desk.MatchLatestCapture(id);

                [IdentityVerification("pickup")]
                public bool {|#1:CollectNearly|}(string id)
                {
                    var close = _desk.CloseEnough(id);
                    return close;
                }

                [IdentityVerification("pickup")]
                public async Task<bool> {|#2:CollectAsync|}(string id) => await _faces.MatchAsync(id).ConfigureAwait(false);

                [IdentityVerification("entry")]
                public bool {|#3:Enter|}(Face face) => Score(face.Photo) >= 0.9;

                // A local holding the photo is the photo.
                [IdentityVerification("turnstile")]
                public bool {|#4:Turnstile|}(Face face)
                {
                    var photo = face.Photo;
                    return Matcher.Matches(photo);
                }

                private static double Score(byte[] photo) => photo.Length;
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "pickup", "Collect"));
        test.ExpectedDiagnostics.Add(Expect(1, "pickup", "CollectNearly"));
        test.ExpectedDiagnostics.Add(Expect(2, "pickup", "CollectAsync"));
        test.ExpectedDiagnostics.Add(Expect(3, "entry", "Enter"));
        test.ExpectedDiagnostics.Add(Expect(4, "turnstile", "Turnstile"));
        await test.RunAsync(CancellationToken.None);
    }

    // A verification method is a check where another calls it; a framework method (`object.Equals`) is none, even where the
    // project's only override of it compares photos.
    [Fact]
    public async Task A_verification_method_is_a_helper_and_a_framework_method_never_is()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Till.cs", """
            using SensitivePi;

            public class Snapshot
            {
                public Face Face { get; set; } = new Face();
                public override bool Equals(object obj) => obj is Snapshot other && Matcher.Matches(other.Face.Photo);
                public override int GetHashCode() => 0;
            }

            public class Till
            {
                [IdentityVerification("unlock")]
                public bool {|#0:ByFace|}(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("payment")]
                public bool {|#1:Pay|}(Login login, Face face) => login.Password == "pin" && ByFace(face);

                // Judged without helpers (it calls none): its own verdict is its answer where another calls it.
                [IdentityVerification("kiosk")]
                public bool {|#2:KioskByFace|}(Face face) => Score(face.Photo) > 0.8;

                [IdentityVerification("checkout")]
                public bool {|#3:Checkout|}(Login login, Face face) => login.Password == "pin" && KioskByFace(face);

                private static double Score(byte[] photo) => photo.Length;

                [IdentityVerification("desk")]
                public bool DeskByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("desk")]
                public bool DeskByBadge(Login login, object expected) => IsOpen() && ((object)login.BadgeNumber).Equals(expected);

                private static bool IsOpen() => true;
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "unlock", "ByFace"));
        test.ExpectedDiagnostics.Add(Expect(1, "payment", "Pay"));
        test.ExpectedDiagnostics.Add(Expect(2, "kiosk", "KioskByFace"));
        test.ExpectedDiagnostics.Add(Expect(3, "checkout", "Checkout"));
        await test.RunAsync(CancellationToken.None);
    }

    // docs/rules/SPI004.md, "Checks in helpers": a helper whose every yes passes another helper's check is a check too, down a
    // chain of helpers and through an interface; one that answers yes on some path without one, a cycle of helpers that never
    // reaches a check, and a decorator that forwards an interface to itself, are none.
    [Fact]
    public async Task A_helper_whose_check_is_another_helpers_is_a_check_down_the_chain()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Gate.cs", """
            using System.Threading.Tasks;
            using SensitivePi;

            public class Captures
            {
                public Face Latest(string id) => new Face();
            }

            public class FaceDesk
            {
                private readonly Captures _captures = new Captures();

                public bool MatchLatestCapture(string id) => Matcher.Matches(_captures.Latest(id).Photo);

                public bool MatchById(string id) => MatchLatestCapture(id);

                public async Task<bool> MatchAsync(string id)
                {
                    await Task.Yield();
                    if (!MatchById(id))
                    {
                        return false;
                    }

                    return true;
                }

                public bool MaybeMatch(string id) => id.Length == 0 || MatchById(id);

                // Judged as its block is analysed (it calls no method shaped like a check), then one helper above it.
                public bool CloseEnough(string id) => Score(_captures.Latest(id).Photo) > 0.8;

                public bool NearlyById(string id) => CloseEnough(id);

                // A guard that throws before the photo is read: still a check, waiting (it calls Matcher) or judged at once.
                public bool MatchChecked(string id)
                {
                    if (id.Length == 0) throw new System.InvalidOperationException();
                    return Matcher.Matches(_captures.Latest(id).Photo);
                }

                public bool CloseChecked(string id)
                {
                    if (id.Length == 0) throw new System.InvalidOperationException();
                    return Score(_captures.Latest(id).Photo) > 0.8;
                }

                private static double Score(byte[] photo) => photo.Length;

                public bool Ping(string id) => id.Length > 3 && Pong(id);

                public bool Pong(string id) => Ping(id.Substring(1));

                // A cycle with a check of its own.
                public bool Both(string id) => Echo(id) && Matcher.Matches(_captures.Latest(id).Photo);

                public bool Echo(string id) => Both(id);

                public bool L1(string id) => L2(id);
                public bool L2(string id) => L3(id);
                public bool L3(string id) => L4(id);
                public bool L4(string id) => L5(id);
                public bool L5(string id) => L6(id);
                public bool L6(string id) => MatchById(id);
            }

            public interface IFaceGate
            {
                bool Open(string id);
            }

            public class FaceGate : IFaceGate
            {
                private readonly FaceDesk _desk = new FaceDesk();
                public bool Open(string id) => _desk.MatchById(id);
            }

            public interface IBadgeGate
            {
                bool Open(string id);
            }

            public class FaceBadgeGate : IBadgeGate
            {
                private readonly FaceDesk _desk = new FaceDesk();
                public bool Open(string id) => _desk.MatchById(id);
            }

            // A decorator: it answers only through the interface it implements.
            public class LoggingBadgeGate : IBadgeGate
            {
                private readonly IBadgeGate _inner = new FaceBadgeGate();
                public bool Open(string id) => _inner.Open(id);
            }

            public class Turnstiles
            {
                private readonly FaceDesk _desk = new FaceDesk();
                private readonly IFaceGate _gate = new FaceGate();
                private readonly IBadgeGate _badges = new LoggingBadgeGate();

                [IdentityVerification("lobby")]
                public bool {|#6:LobbyNearly|}(string id) => _desk.NearlyById(id);

                [IdentityVerification("door")]
                public bool {|#7:DoorChecked|}(string id) => _desk.MatchChecked(id);

                [IdentityVerification("porch")]
                public bool {|#8:PorchChecked|}(string id) => _desk.CloseChecked(id);

                // A verification method that waits for its helper is a helper in turn (its calls and graph kept once).
                [IdentityVerification("hall")]
                public bool {|#9:HallById|}(string id) => _desk.MatchById(id);

                [IdentityVerification("gallery")]
                public bool {|#10:GalleryViaHall|}(string id) => HallById(id);

                [IdentityVerification("dock")]
                public bool DockByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("dock")]
                public bool DockByGate(string id) => _badges.Open(id);

                [IdentityVerification("staff entry")]
                public bool {|#0:Enter|}(string id) => _desk.MatchById(id);

                [IdentityVerification("staff entry")]
                public async Task<bool> {|#1:EnterAsync|}(string id) => await _desk.MatchAsync(id);

                [IdentityVerification("staff entry")]
                public bool {|#2:EnterByGate|}(string id) => _gate.Open(id);

                [IdentityVerification("depot")]
                public bool DepotByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("depot")]
                public bool DepotMaybe(string id) => _desk.MaybeMatch(id);

                [IdentityVerification("roof")]
                public bool RoofByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("roof")]
                public bool RoofByPing(string id) => _desk.Ping(id);

                [IdentityVerification("cellar")]
                public bool {|#3:CellarByFace|}(Face face) => Matcher.Matches(face.Photo);

                // Eight helpers deep.
                [IdentityVerification("cellar")]
                public bool {|#4:CellarDeep|}(string id) => _desk.L1(id);

                // Both and Echo call each other, and Both checks the photo itself: each is a check.
                [IdentityVerification("atrium")]
                public bool {|#5:AtriumByEither|}(string id) => _desk.Both(id) || _desk.Echo(id);
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "staff entry", "Enter"));
        test.ExpectedDiagnostics.Add(Expect(1, "staff entry", "EnterAsync"));
        test.ExpectedDiagnostics.Add(Expect(2, "staff entry", "EnterByGate"));
        test.ExpectedDiagnostics.Add(Expect(3, "cellar", "CellarByFace"));
        test.ExpectedDiagnostics.Add(Expect(4, "cellar", "CellarDeep"));
        test.ExpectedDiagnostics.Add(Expect(5, "atrium", "AtriumByEither"));
        test.ExpectedDiagnostics.Add(Expect(6, "lobby", "LobbyNearly"));
        test.ExpectedDiagnostics.Add(Expect(7, "door", "DoorChecked"));
        test.ExpectedDiagnostics.Add(Expect(8, "porch", "PorchChecked"));
        test.ExpectedDiagnostics.Add(Expect(9, "hall", "HallById"));
        test.ExpectedDiagnostics.Add(Expect(10, "gallery", "GalleryViaHall"));
        await test.RunAsync(CancellationToken.None);
    }

    // A long chain of helpers is a check at every depth: CellarLessDeep enters the chain one helper lower than CellarDeep, and
    // both are reported.
    [Fact]
    public async Task A_long_chain_of_helpers_is_a_check_wherever_it_is_entered()
    {
        var depth = 17;
        var chain = string.Concat(Enumerable.Range(1, depth).Select(i => $"    public bool L{i}(string id) => L{i + 1}(id);\n"));
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Cellar.cs", $$"""
            using SensitivePi;

            public class Captures
            {
                public Face Latest(string id) => new Face();
            }

            public class Chain
            {
                private readonly Captures _captures = new Captures();
            {{chain}}
                public bool L{{depth + 1}}(string id) => Matcher.Matches(_captures.Latest(id).Photo);
            }

            public class Cellar
            {
                private readonly Chain _chain = new Chain();

                [IdentityVerification("cellar")]
                public bool {|#0:CellarDeep|}(string id) => _chain.L1(id);

                [IdentityVerification("cellar")]
                public bool {|#1:CellarLessDeep|}(string id) => _chain.L2(id);
            }
            """));
        test.ExpectedDiagnostics.Add(Expect(0, "cellar", "CellarDeep"));
        test.ExpectedDiagnostics.Add(Expect(1, "cellar", "CellarLessDeep"));
        await test.RunAsync(CancellationToken.None);
    }

    // A helper that reads no biometric data, that answers yes on a path without a check, or an interface one of whose
    // implementations here checks something else, is no check: the method calling it is an alternative.
    [Fact]
    public async Task A_helper_that_may_answer_yes_without_a_biometric_check_is_no_check()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Model.cs", Model));
        test.TestState.Sources.Add(("Desk.cs", """
            using SensitivePi;

            public class Captures
            {
                public Face Latest(string id) => new Face();
                public Login Account(string id) => new Login();
            }

            public interface IVerifier
            {
                bool Verify(string id);
            }

            public class FaceVerifier : IVerifier
            {
                private readonly Captures _captures = new Captures();
                public bool Verify(string id) => Matcher.Matches(_captures.Latest(id).Photo);
            }

            public class BadgeVerifier : IVerifier
            {
                private readonly Captures _captures = new Captures();
                public bool Verify(string id) => _captures.Account(id).BadgeNumber == id;
            }

            public class Desk
            {
                private readonly Captures _captures = new Captures();
                private readonly IVerifier _verifier = new FaceVerifier();

                public bool CodeMatches(string id) => _captures.Account(id).BadgeNumber == id;

                public bool FaceOrNothing(string id)
                {
                    var photo = _captures.Latest(id).Photo;
                    if (photo.Length == 0)
                    {
                        return true;
                    }

                    return Matcher.Matches(photo);
                }

                public bool PhotoTaken(string id) => _captures.Latest(id).Photo.Length > 0;

                [IdentityVerification("ward entry")]
                public bool WardByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("ward entry")]
                public bool WardByCode(string id) => CodeMatches(id);

                [IdentityVerification("lab door")]
                public bool LabByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("lab door")]
                public bool LabByWhatever(string id) => FaceOrNothing(id);

                [IdentityVerification("vault")]
                public bool VaultByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("vault")]
                public bool VaultByVerifier(string id) => _verifier.Verify(id);

                [IdentityVerification("pharmacy")]
                public bool PharmacyByFace(Face face) => Matcher.Matches(face.Photo);

                [IdentityVerification("pharmacy")]
                public bool PharmacyByPhoto(string id) => PhotoTaken(id);
            }
            """));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Expect(int markup, string purpose, string method) =>
        Verify.Diagnostic(Descriptors.BiometricOnlyIdentification).WithLocation(markup).WithArguments(purpose, method, ExpectedCitations.BiometricAlternative);
}
